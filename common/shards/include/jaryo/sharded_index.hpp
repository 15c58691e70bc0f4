#pragma once
// A sharded database: a folder holding N jaryo databases (shard-0, shard-1, ...) and a Xapian
// stub named XAPIANDB listing them, so that Xapian's tools (xapian-compact, xapian-tcpsrv,
// quest) and jaryo-search open the folder as one database. Each note lives in the shard its
// path hashes to, so every run puts it in the same one; each shard is a complete jaryo database
// that can be compacted, moved, or served from another host on its own.
#include "jaryo/stub.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

namespace jaryo {

// Which of `count` shards holds the note at `path`.
std::size_t shard_for(std::string_view path, std::size_t count);

// Whether `folder` is a sharded database (it holds a XAPIANDB stub).
bool is_sharded(const std::filesystem::path& folder);

// The shards of the sharded database at `folder`, creating it with `count` shards (empty
// databases of `analyzer`) if it does not exist. Throws DatabaseError when `folder` holds something
// else (a plain database, files), when `count` differs from the shards it has, or when its stub
// lists a shard jaryo-index cannot write (a remote one is indexed on its own host); ExecRefused
// when it lists a program `consent` does not allow (jaryo-index never starts one, but says so as
// jaryo-search would).
std::vector<std::filesystem::path> open_sharded(const std::filesystem::path& folder,
                                                std::optional<std::size_t> count,
                                                std::string_view analyzer,
                                                const ExecConsent& consent = {});

} // namespace jaryo
