#include "usage.hpp"

#include "jaryo/spelling.hpp"
#include "jaryo/visible.hpp"

#include <fmt/format.h>
#include <string_view>
#include <vector>

namespace jaryo::cli {

namespace {

std::vector<std::string> long_options(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::Option* option : app.get_options()) {
        for (const std::string& name : option->get_lnames()) {
            names.push_back("--" + name);
        }
    }
    return names;
}

std::string suggestions(const CLI::App& app, int argc, const char* const* argv) {
    const std::vector<std::string> known = long_options(app);
    std::string said;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--") {
            break;
        }
        if (!arg.starts_with("--")) {
            continue;
        }
        const std::string_view name = arg.substr(0, arg.find('='));
        if (const auto meant = closest_name(name, known)) {
            said += fmt::format("; did you mean {} for {}?", *meant, name);
        }
    }
    return said;
}

} // namespace

std::string usage_error(const CLI::App& app, const CLI::ParseError& error, int argc,
                        const char* const* argv) {
    // Arguments may be file names from a notes folder, passed on by a script.
    return fmt::format("{}: {} (see {} --help)", app.get_name(),
                       visible(error.what() + suggestions(app, argc, argv)), app.get_name());
}

} // namespace jaryo::cli
