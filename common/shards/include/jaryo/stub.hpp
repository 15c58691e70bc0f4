#pragma once
// Xapian's stub database files: text listing databases to open as one, one per line,
//   auto PATH              a local database (a relative PATH starts from the stub's folder)
//   glass PATH             the same
//   remote HOST:PORT       a server running xapian-tcpsrv
//   remote :PROGRAM ARGS   a program speaking Xapian's remote protocol on stdin and stdout
//                          (xapian-progsrv PATH, or ssh HOST xapian-progsrv PATH)
// with '#' comments and blank lines. A folder holding a stub named XAPIANDB opens as the stub's
// databases: that is how a sharded jaryo database is laid out.
#include "jaryo/database.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace jaryo {

struct DatabaseAddress {
    enum class Kind { Local, Tcp, Program };
    Kind kind = Kind::Local;
    std::filesystem::path path; // Local
    std::string host;           // Tcp
    unsigned port = 0;          // Tcp
    std::string program;        // Program
    std::string arguments;      // Program, separated by spaces as Xapian splits them
    std::filesystem::path stub; // the stub that listed it (empty: given directly)
    int line = 0;               // its line in that stub

    bool remote() const { return kind != Kind::Local; }
    // As written in a stub, without the keyword: PATH, HOST:PORT or :PROGRAM ARGS.
    std::string describe() const;
};

// Parses a stub's text. `stub` is the file it came from: errors name it and relative paths
// start from its folder. Throws DatabaseError naming the line that is not understood.
std::vector<DatabaseAddress> parse_stub(std::string_view text, const std::filesystem::path& stub);

// The stub line that opens `address`.
std::string stub_line(const DatabaseAddress& address);

// Whether a stub line may start a program (remote :PROGRAM). Databases are synced, shared and
// downloaded, so a stub is untrusted: its programs run only for a user who said so for this
// invocation (`everywhere`, --allow-exec) or listed that stub in their own configuration.
struct ExecConsent {
    bool everywhere = false;
    std::vector<std::filesystem::path> stubs; // compared after resolving links and dots

    bool allows(const std::filesystem::path& stub) const;
};

// The databases one --db names: the database itself, or the entries of a stub file or of a
// folder with a XAPIANDB stub (stubs listed in stubs are followed too). Throws DatabaseError
// when the path does not exist or a stub cannot be read, and ExecRefused (jaryo/errors.hpp)
// when a stub lists a program that `consent` does not allow.
std::vector<DatabaseAddress> expand_database(const std::filesystem::path& path,
                                             const ExecConsent& consent);

} // namespace jaryo
