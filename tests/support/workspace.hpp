#pragma once
// Runs the real jaryo-index and jaryo-search on a temporary folder and database.
#include "temp_dir.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <sys/wait.h>
#include <vector>

namespace jaryo::testing {

struct Run {
    int status = -1;
    std::string out;
    std::string err;
    std::vector<std::string> lines() const {
        std::vector<std::string> result;
        std::istringstream stream(out);
        for (std::string line; std::getline(stream, line);) {
            result.push_back(line);
        }
        return result;
    }
};

inline std::string quote(std::string_view text) {
    std::string quoted = "'";
    for (char c : text) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

inline std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A folder of notes and a database path, with helpers to run the binaries on them.
class Workspace {
  public:
    Workspace() {
        notes = dir.path() / "notes";
        db = dir.path() / "db";
    }

    Run run(const std::vector<std::string>& args,
            const std::string& environment = "env -u JARYO_DB -u NO_COLOR") const {
        std::string command = environment;
        for (const std::string& arg : args) {
            command += ' ';
            command += quote(arg);
        }
        const auto out = dir.path() / "stdout";
        const auto err = dir.path() / "stderr";
        command += " >" + quote(out.string()) + " 2>" + quote(err.string()) + " </dev/null";
        Run result;
        const int raw = std::system(command.c_str());
        result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
        result.out = slurp(out);
        result.err = slurp(err);
        return result;
    }
    Run index(std::vector<std::string> args = {}) const {
        args.insert(args.begin(), {JARYO_INDEX_BINARY, "--db", db.string()});
        return run(args);
    }
    Run search(std::vector<std::string> args) const {
        args.insert(args.begin(), {JARYO_SEARCH_BINARY, "--db", db.string()});
        return run(args);
    }
    std::filesystem::path note(const std::string& name, std::string_view text) const {
        return dir.write(std::filesystem::path("notes") / name, text);
    }

    TempDir dir;
    std::filesystem::path notes;
    std::filesystem::path db;
};

inline bool one_line(const std::string& text) {
    return !text.empty() && text.back() == '\n' && text.find('\n') == text.size() - 1;
}

} // namespace jaryo::testing
