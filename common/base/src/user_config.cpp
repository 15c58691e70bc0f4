#include "jaryo/user_config.hpp"

#include "jaryo/config_lines.hpp"
#include "jaryo/environment.hpp"
#include "jaryo/errors.hpp"

#include <fmt/format.h>
#include <fstream>
#include <sstream>

namespace jaryo {

namespace fs = std::filesystem;

namespace {

fs::path stub_path(std::string_view value, const fs::path& file, int line) {
    if (value.starts_with("~/")) {
        if (const auto home = environment("HOME")) {
            return fs::path(*home) / value.substr(2);
        }
    }
    const fs::path path(value);
    if (!path.is_absolute()) {
        throw InputError(fmt::format("{} line {}: allow-exec needs an absolute path (or ~/...) to "
                                     "a stub; fix the line",
                                     file.string(), line));
    }
    return path;
}

} // namespace

std::optional<fs::path> user_config_path() {
    if (const auto config = environment("XDG_CONFIG_HOME")) {
        return fs::path(*config) / "jaryo" / "config";
    }
    if (const auto home = environment("HOME")) {
        return fs::path(*home) / ".config" / "jaryo" / "config";
    }
    return std::nullopt;
}

UserConfig parse_user_config(std::string_view text, const fs::path& file) {
    UserConfig config;
    for_each_config_line(text, [&](std::string_view line, int number) {
        const auto equals = line.find('=');
        if (equals == std::string_view::npos) {
            throw InputError(fmt::format("{} line {} is not 'key = value'; fix or remove it",
                                         file.string(), number));
        }
        const std::string_view key = trimmed(line.substr(0, equals));
        const std::string_view value = trimmed(line.substr(equals + 1));
        if (key != "allow-exec") {
            throw InputError(fmt::format("{} line {}: unknown setting '{}' (known: allow-exec); "
                                         "fix or remove it",
                                         file.string(), number, key));
        }
        config.allow_exec.push_back(stub_path(value, file, number));
    });
    return config;
}

UserConfig load_user_config() {
    const std::optional<fs::path> file = user_config_path();
    std::error_code error;
    if (!file || !fs::exists(*file, error)) {
        return {};
    }
    std::ifstream in(*file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
        throw InputError(fmt::format("cannot read the configuration {}; fix its permissions or "
                                     "move it away",
                                     file->string()));
    }
    return parse_user_config(text.str(), *file);
}

} // namespace jaryo
