#include "jaryo/sharded_index.hpp"

#include "jaryo/database.hpp"
#include "jaryo/errors.hpp"
#include "jaryo/fnv1a.hpp"
#include "jaryo/stub.hpp"
#include "jaryo/whole_folder.hpp"

#include <fmt/format.h>
#include <fstream>

namespace jaryo {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> existing_shards(const fs::path& folder, const ExecConsent& consent) {
    std::vector<fs::path> shards;
    for (const DatabaseAddress& address : expand_database(folder, consent)) {
        if (address.remote()) {
            throw DatabaseError(fmt::format("{} lists the remote shard {}; jaryo-index writes "
                                            "only local shards: index that one on its host",
                                            (folder / folder_stub_name).string(),
                                            address.describe()));
        }
        shards.push_back(address.path);
    }
    return shards;
}

std::vector<fs::path> create_shards(const fs::path& folder, std::size_t count,
                                    std::string_view analyzer) {
    // Made whole beside the folder: a search finds every shard or no database at all.
    std::vector<fs::path> shards;
    const bool created = create_whole(folder, [&](const fs::path& building) {
        std::string stub =
            "# jaryo sharded database: each note is in the shard its path hashes to.\n"
            "# A shard may move to another host: replace its line with\n"
            "# 'remote HOST:PORT' (xapian-tcpsrv) to search it from there.\n";
        for (std::size_t shard = 0; shard < count; ++shard) {
            DatabaseAddress address;
            address.path = fmt::format("shard-{}", shard);
            stub += stub_line(address) + '\n';
            open_for_update(building / address.path, analyzer); // empty, closed again
            shards.push_back(folder / address.path);
        }
        std::ofstream(building / folder_stub_name, std::ios::binary | std::ios::trunc) << stub;
    });
    if (!created) {
        throw DatabaseError(fmt::format("cannot create the sharded database {}: another "
                                        "jaryo-index created a database there meanwhile; run "
                                        "this one again",
                                        folder.string()));
    }
    return shards;
}

} // namespace

std::size_t shard_for(std::string_view path, std::size_t count) {
    return static_cast<std::size_t>(fnv1a(path) % count);
}

bool is_sharded(const fs::path& folder) {
    std::error_code error;
    return fs::is_regular_file(folder / folder_stub_name, error);
}

std::vector<fs::path> open_sharded(const fs::path& folder, std::optional<std::size_t> count,
                                   std::string_view analyzer, const ExecConsent& consent) {
    if (count && *count == 0) {
        throw InputError("--shards must be at least 1");
    }
    if (is_sharded(folder)) {
        std::vector<fs::path> shards = existing_shards(folder, consent);
        if (count && *count != shards.size()) {
            throw DatabaseError(fmt::format(
                "{} has {} shards, not {}; leave out --shards, or index into a new folder to "
                "reshard",
                folder.string(), shards.size(), *count));
        }
        return shards;
    }
    std::error_code error;
    if (fs::exists(folder, error) &&
        !(fs::is_directory(folder, error) && fs::is_empty(folder, error))) {
        throw DatabaseError(fmt::format("{} exists and is not a sharded database; pass a new "
                                        "folder with --shards",
                                        folder.string()));
    }
    return create_shards(folder, count.value_or(1), analyzer);
}

} // namespace jaryo
