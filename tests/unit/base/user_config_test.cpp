#include "jaryo/errors.hpp"
#include "jaryo/user_config.hpp"

#include <cstdlib>
#include <doctest/doctest.h>
#include <string>

TEST_CASE("user config: allow-exec lines, comments, and lines it cannot use named") {
    const std::filesystem::path file = "/home/me/.config/jaryo/config";
    const jaryo::UserConfig config = jaryo::parse_user_config(
        "# stubs I trust\n\n  allow-exec = /srv/team/XAPIANDB  \r\nallow-exec=/srv/b.stub\n", file);
    CHECK(config.allow_exec ==
          std::vector<std::filesystem::path>{"/srv/team/XAPIANDB", "/srv/b.stub"});

    ::setenv("HOME", "/home/me", 1);
    CHECK(jaryo::parse_user_config("allow-exec = ~/db/XAPIANDB\n", file).allow_exec ==
          std::vector<std::filesystem::path>{"/home/me/db/XAPIANDB"});

    const struct {
        std::string text;
        std::string message;
    } cases[] = {
        {"allow-exec\n", "/home/me/.config/jaryo/config line 1 is not 'key = value'"},
        {"\nallow-exec = db/XAPIANDB\n", "line 2: allow-exec needs an absolute path"},
        {"allow-exce = /srv/x\n", "line 1: unknown setting 'allow-exce' (known: allow-exec)"},
    };
    for (const auto& [text, message] : cases) {
        CAPTURE(text);
        CHECK_THROWS_WITH_AS(jaryo::parse_user_config(text, file),
                             doctest::Contains(message.c_str()), jaryo::InputError);
    }
}

TEST_CASE("user config: read from XDG_CONFIG_HOME, else ~/.config") {
    ::setenv("HOME", "/home/me", 1);
    ::setenv("XDG_CONFIG_HOME", "/xdg", 1);
    CHECK(jaryo::user_config_path() == std::filesystem::path("/xdg/jaryo/config"));
    ::unsetenv("XDG_CONFIG_HOME");
    CHECK(jaryo::user_config_path() == std::filesystem::path("/home/me/.config/jaryo/config"));
}
