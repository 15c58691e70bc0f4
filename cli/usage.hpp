#pragma once
// How jaryo-index and jaryo-search answer a command line they cannot parse.
#include <CLI/CLI.hpp>
#include <string>

namespace jaryo::cli {

// "PROGRAM: WHAT CLI11 SAID (did you mean --json?; see PROGRAM --help)": the closest known long
// option for each unknown one typed before `--`.
std::string usage_error(const CLI::App& app, const CLI::ParseError& error, int argc,
                        const char* const* argv);

} // namespace jaryo::cli
