#include "jaryo/stub.hpp"

#include "jaryo/config_lines.hpp"
#include "jaryo/errors.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

namespace jaryo {

namespace fs = std::filesystem;

namespace {

// Stubs may list stubs; a loop must end in an error, not a stack overflow.
constexpr int max_stub_depth = 8;

DatabaseAddress remote_address(std::string_view where, const fs::path& stub, int line) {
    DatabaseAddress address;
    if (where.starts_with(':')) {
        where.remove_prefix(1);
        const auto space = where.find(' ');
        address.kind = DatabaseAddress::Kind::Program;
        address.program = std::string(where.substr(0, space));
        if (space != std::string_view::npos) {
            address.arguments = std::string(trimmed(where.substr(space + 1)));
        }
        if (!address.program.empty()) {
            return address;
        }
    } else if (const auto colon = where.rfind(':'); colon != std::string_view::npos) {
        address.kind = DatabaseAddress::Kind::Tcp;
        address.host = std::string(where.substr(0, colon));
        const std::string_view port = where.substr(colon + 1);
        const auto [end, error] =
            std::from_chars(port.data(), port.data() + port.size(), address.port);
        if (!address.host.empty() && error == std::errc() && end == port.data() + port.size() &&
            address.port > 0 && address.port < 65536) {
            return address;
        }
    }
    throw DatabaseError(fmt::format("{} line {}: 'remote {}' is neither HOST:PORT nor :PROGRAM "
                                    "ARGS; fix the stub",
                                    stub.string(), line, where));
}

struct Expansion {
    const ExecConsent& consent;
    std::vector<DatabaseAddress> addresses;
};

void refuse_unless_allowed(const DatabaseAddress& address, const ExecConsent& consent) {
    if (address.kind != DatabaseAddress::Kind::Program || consent.allows(address.stub)) {
        return;
    }
    throw ExecRefused(fmt::format("{} line {} would start the program '{}'; not started. If you "
                                  "trust this database, pass --allow-exec, or list the stub as "
                                  "'allow-exec = PATH' in your jaryo config",
                                  address.stub.string(), address.line, address.program));
}

void expand_into(const fs::path& path, int depth, Expansion& out);

void expand_stub(const fs::path& stub, int depth, Expansion& out) {
    if (depth > max_stub_depth) {
        throw DatabaseError(fmt::format("{}: stubs list each other more than {} deep (a loop?); "
                                        "fix the stub",
                                        stub.string(), max_stub_depth));
    }
    std::ifstream in(stub, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
        throw DatabaseError(fmt::format("cannot read the stub database file {}", stub.string()));
    }
    for (DatabaseAddress& address : parse_stub(text.str(), stub)) {
        if (address.remote()) {
            refuse_unless_allowed(address, out.consent);
            out.addresses.push_back(std::move(address));
        } else {
            expand_into(address.path, depth + 1, out);
        }
    }
}

void expand_into(const fs::path& path, int depth, Expansion& out) {
    std::error_code error;
    if (fs::is_directory(path, error) && fs::exists(path / folder_stub_name, error)) {
        expand_stub(path / folder_stub_name, depth, out);
    } else if (fs::is_regular_file(path, error)) {
        expand_stub(path, depth, out);
    } else {
        // A database folder, or nothing: opening it says which.
        DatabaseAddress local;
        local.path = path;
        out.addresses.push_back(std::move(local));
    }
}

fs::path resolved(const fs::path& path) {
    std::error_code error;
    fs::path full = fs::weakly_canonical(fs::absolute(path, error), error);
    return error ? fs::absolute(path).lexically_normal() : full;
}

} // namespace

bool ExecConsent::allows(const fs::path& stub) const {
    if (everywhere) {
        return true;
    }
    const fs::path wanted = resolved(stub);
    return std::any_of(stubs.begin(), stubs.end(),
                       [&](const fs::path& allowed) { return resolved(allowed) == wanted; });
}

std::string DatabaseAddress::describe() const {
    switch (kind) {
    case Kind::Tcp:
        return fmt::format("{}:{}", host, port);
    case Kind::Program:
        return arguments.empty() ? ":" + program : fmt::format(":{} {}", program, arguments);
    case Kind::Local:
        break;
    }
    return path.string();
}

std::vector<DatabaseAddress> parse_stub(std::string_view text, const fs::path& stub) {
    std::vector<DatabaseAddress> addresses;
    for_each_config_line(text, [&](std::string_view line, int number) {
        const auto space = line.find_first_of(" \t");
        const std::string_view keyword = line.substr(0, space);
        const std::string_view rest =
            space == std::string_view::npos ? std::string_view{} : trimmed(line.substr(space));
        const bool local = keyword == "auto" || keyword == "glass";
        if (!local && keyword != "remote") {
            // Not echoed: a file passed as --db by mistake may hold anything.
            throw DatabaseError(fmt::format("{} line {} is not a stub line (auto PATH, remote "
                                            "HOST:PORT or remote :PROGRAM ARGS); pass a database "
                                            "or a stub file as --db",
                                            stub.string(), number));
        }
        if (rest.empty()) {
            throw DatabaseError(fmt::format("{} line {}: '{}' names no database; fix the stub",
                                            stub.string(), number, keyword));
        }
        DatabaseAddress address;
        if (local) {
            const fs::path named(rest);
            address.path =
                (named.is_absolute() ? named : stub.parent_path() / named).lexically_normal();
        } else {
            address = remote_address(rest, stub, number);
        }
        address.stub = stub;
        address.line = number;
        addresses.push_back(std::move(address));
    });
    return addresses;
}

std::string stub_line(const DatabaseAddress& address) {
    return (address.remote() ? "remote " : "auto ") + address.describe();
}

std::vector<DatabaseAddress> expand_database(const fs::path& path, const ExecConsent& consent) {
    Expansion expansion{consent, {}};
    expand_into(path, 0, expansion);
    return std::move(expansion.addresses);
}

} // namespace jaryo
