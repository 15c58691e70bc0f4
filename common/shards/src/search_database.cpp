#include "jaryo/search_database.hpp"

#include "jaryo/database.hpp"
#include "jaryo/errors.hpp"
#include "jaryo/stub.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace jaryo {

namespace fs = std::filesystem;

namespace {

Xapian::Database open_remote(const DatabaseAddress& address, const std::string& given,
                             std::string_view analyzer) {
    Xapian::Database database;
    try {
        database = address.kind == DatabaseAddress::Kind::Tcp
                       ? Xapian::Remote::open(address.host, address.port)
                       : Xapian::Remote::open(address.program, address.arguments);
    } catch (const Xapian::Error& error) {
        throw DatabaseError(
            fmt::format("cannot reach remote shard {} (listed in {}): {}; start xapian-tcpsrv (or "
                        "xapian-progsrv) for it",
                        address.describe(), given, error.get_msg()));
    }
    check_searchable(database, "remote shard " + address.describe(),
                     "jaryo-index on the host that serves it", analyzer);
    return database;
}

Xapian::Database open_local(const DatabaseAddress& address, const std::string& given,
                            std::string_view analyzer) {
    std::error_code error;
    if (address.path != fs::path(given) && !fs::exists(address.path, error)) {
        throw DatabaseError(fmt::format("shard {} listed in {} does not exist; index it "
                                        "(jaryo-index --db {}) or fix the stub",
                                        address.path.string(), given, given));
    }
    return open_for_search(address.path, analyzer);
}

void add_roots(const Xapian::Database& shard, std::vector<fs::path>& roots) {
    for (fs::path& root : recorded_roots(shard)) {
        if (std::find(roots.begin(), roots.end(), root) == roots.end()) {
            roots.push_back(std::move(root));
        }
    }
}

} // namespace

const ShardOrigin& SearchDatabase::origin(Xapian::docid id) const {
    return shards[(id - 1) % shards.size()];
}

SearchDatabase open_search_database(const std::vector<fs::path>& databases,
                                    std::string_view analyzer, const SearchOpenOptions& options) {
    std::vector<std::pair<std::string, DatabaseAddress>> shards;
    for (const fs::path& given : databases) {
        const std::vector<DatabaseAddress> addresses = expand_database(given, options.exec);
        if (addresses.empty()) {
            throw DatabaseError(fmt::format(
                "{} lists no databases; add a line such as 'auto PATH' or 'remote HOST:PORT'",
                given.string()));
        }
        for (const DatabaseAddress& address : addresses) {
            shards.emplace_back(given.string(), address);
        }
    }
    SearchDatabase opened;
    std::exception_ptr first_failure;
    for (const auto& [given, address] : shards) {
        try {
            const Xapian::Database shard = address.remote() ? open_remote(address, given, analyzer)
                                                            : open_local(address, given, analyzer);
            add_roots(shard, opened.roots);
            opened.database.add_database(shard);
            opened.shards.push_back({given, address.describe()});
            opened.uuids.push_back(shard.get_uuid());
            opened.has_remote = opened.has_remote || address.remote();
        } catch (const DatabaseError& error) {
            if (!options.allow_partial) {
                if (shards.size() == 1) {
                    throw;
                }
                throw DatabaseError(fmt::format(
                    "{} (or pass --allow-partial to search the other shards)", error.what()));
            }
            if (!first_failure) {
                first_failure = std::current_exception();
            }
            if (options.warn) {
                options.warn(fmt::format("left out: {}", error.what()));
            }
        }
    }
    if (opened.shards.empty()) {
        std::rethrow_exception(first_failure);
    }
    return opened;
}

} // namespace jaryo
