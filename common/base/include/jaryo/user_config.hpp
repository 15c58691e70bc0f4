#pragma once
// The user's own settings, in $XDG_CONFIG_HOME/jaryo/config (else ~/.config/jaryo/config):
// lines of `key = value`, '#' comments and blank lines. Unlike notes and databases, this file is
// the user's, so it may grant what they cannot: starting the programs a stub lists.
//   allow-exec = /srv/team-db/XAPIANDB     a stub whose `remote :PROGRAM` lines may run
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

namespace jaryo {

struct UserConfig {
    std::vector<std::filesystem::path> allow_exec; // stubs, absolute
};

// Where the configuration is read from; nullopt when neither XDG_CONFIG_HOME nor HOME is set.
std::optional<std::filesystem::path> user_config_path();

// Parses a configuration's text; `file` names it in errors. Throws InputError naming the file
// and line of anything not understood.
UserConfig parse_user_config(std::string_view text, const std::filesystem::path& file);

// The configuration at user_config_path(); empty when there is no file.
UserConfig load_user_config();

} // namespace jaryo
