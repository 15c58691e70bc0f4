#include "jaryo/note.hpp"

#include "front_matter.hpp"
#include "markdown.hpp"

#include "jaryo/sizes.hpp"
#include "jaryo/utf8.hpp"
#include "jaryo/written_date.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unicode/unistr.h>
#include <unistd.h>

namespace jaryo {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t binary_sniff_bytes = 8192;

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

std::string_view trim(std::string_view text) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

std::string decode_utf16(std::string_view bytes, const char* encoding) {
    const icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), encoding);
    std::string out;
    text.toUTF8String(out);
    return out;
}

// Bytes in, valid UTF-8 out.
std::string decode(std::string_view bytes, std::vector<std::string>& warnings) {
    if (starts_with(bytes, "\xEF\xBB\xBF")) {
        bytes.remove_prefix(3);
    } else if (starts_with(bytes, "\xFF\xFE")) {
        return decode_utf16(bytes.substr(2), "UTF-16LE");
    } else if (starts_with(bytes, "\xFE\xFF")) {
        return decode_utf16(bytes.substr(2), "UTF-16BE");
    }
    if (bytes.substr(0, binary_sniff_bytes).find('\0') != std::string_view::npos) {
        throw SkippedFile("binary file (NUL bytes)");
    }
    std::string text = utf8::make_valid(bytes);
    if (text.size() != bytes.size() || text != bytes) {
        warnings.emplace_back("invalid UTF-8 replaced with U+FFFD");
    }
    return text;
}

// A markdown ATX heading among the first few non-empty lines.
std::string first_heading(std::string_view body) {
    constexpr int lines_to_look_at = 5;
    int looked = 0;
    std::size_t line_start = 0;
    while (line_start < body.size() && looked < lines_to_look_at) {
        std::size_t line_end = body.find('\n', line_start);
        if (line_end == std::string_view::npos) {
            line_end = body.size();
        }
        const std::string_view line = trim(body.substr(line_start, line_end - line_start));
        line_start = line_end + 1;
        if (line.empty()) {
            continue;
        }
        ++looked;
        const std::size_t hashes = line.find_first_not_of('#');
        if (hashes >= 1 && hashes <= 6 && hashes < line.size() && line[hashes] == ' ') {
            std::string_view heading = trim(line.substr(hashes));
            while (!heading.empty() && heading.back() == '#') {
                heading.remove_suffix(1);
            }
            return std::string(trim(heading));
        }
    }
    return {};
}

bool all_digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Length of a leading YYMMDD, YYYYMMDD or YYYY-MM-DD date, or 0.
std::size_t date_prefix_length(std::string_view name) {
    if (name.size() >= 10 && all_digits(name.substr(0, 4)) && name[4] == '-' &&
        all_digits(name.substr(5, 2)) && name[7] == '-' && all_digits(name.substr(8, 2))) {
        return 10;
    }
    std::size_t digits = 0;
    while (digits < name.size() && name[digits] >= '0' && name[digits] <= '9') {
        ++digits;
    }
    return digits == 6 || digits == 8 ? digits : 0;
}

int number(std::string_view digits) {
    int value = 0;
    for (const char c : digits) {
        value = value * 10 + (c - '0');
    }
    return value;
}

// YYYY-MM-DD when year, month and day make sense, else "".
std::string iso_date(std::string_view year, std::string_view month, std::string_view day) {
    if (!all_digits(year) || !all_digits(month) || !all_digits(day)) {
        return {};
    }
    return iso_day(number(year), number(month), number(day)).value_or("");
}

std::string utc_day(std::int64_t mtime_ns) {
    const auto seconds = static_cast<std::time_t>(mtime_ns / 1'000'000'000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    return iso_date(std::to_string(utc.tm_year + 1900), std::to_string(utc.tm_mon + 1),
                    std::to_string(utc.tm_mday));
}

std::string lowercase_extension(const fs::path& path) {
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension;
}

bool is_markdown(const fs::path& path) {
    const std::string extension = lowercase_extension(path);
    return extension == ".md" || extension == ".markdown";
}

} // namespace

std::string title_from_file_name(const fs::path& path) {
    const std::string stem = path.stem().string();
    std::string_view name = stem;
    const std::size_t date = date_prefix_length(name);
    std::string_view rest = name.substr(date);
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '_' || rest.front() == '-')) {
        rest.remove_prefix(1);
    }
    return rest.empty() ? utf8::make_valid(name) : utf8::make_valid(rest);
}

std::string date_from_file_name(const fs::path& path) {
    const std::string stem = path.stem().string();
    switch (date_prefix_length(stem)) {
    case 10:
        return iso_date(stem.substr(0, 4), stem.substr(5, 2), stem.substr(8, 2));
    case 8:
        return iso_date(stem.substr(0, 4), stem.substr(4, 2), stem.substr(6, 2));
    case 6:
        return iso_date("20" + stem.substr(0, 2), stem.substr(2, 2), stem.substr(4, 2));
    default:
        return {};
    }
}

bool is_note_file(const fs::path& path) {
    return is_markdown(path) || lowercase_extension(path) == ".txt";
}

Note parse_note(std::string_view bytes, const fs::path& path) {
    Note note;
    note.path = path;
    const std::string text = decode(bytes, note.warnings);
    FrontMatter front = read_front_matter(text);
    if (!front.error.empty()) {
        note.warnings.push_back(front.error + "; the rest of the note is indexed");
    }
    const std::string_view source = std::string_view(text).substr(front.body_start);
    note.title = utf8::make_valid(trim(front.title));
    if (note.title.empty()) {
        note.title = first_heading(source);
    }
    if (note.title.empty()) {
        note.title = title_from_file_name(path);
    }
    if (is_markdown(path)) {
        MarkdownText markdown = markdown_to_text(source);
        note.body = std::move(markdown.text);
        note.links = std::move(markdown.links);
    } else {
        note.body = source;
    }
    if (!front.date.empty()) {
        if (const std::optional<std::string> date = written_date(front.date)) {
            note.date = *date;
        } else {
            note.warnings.push_back(
                fmt::format("line {}: front matter's date '{}' is not a day jaryo can read "
                            "(write YYYY-MM-DD); dated by its file name or modification time "
                            "instead",
                            front.date_line, front.date));
        }
    }
    if (note.date.empty()) {
        note.date = date_from_file_name(path);
    }
    for (std::string& tag : front.tags) {
        note.tags.push_back(utf8::make_valid(tag));
    }
    return note;
}

Note read_note(const fs::path& path, const ReadOptions& options) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        throw SkippedFile(std::string("cannot open: ") + std::strerror(errno));
    }
    struct ::stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        throw SkippedFile("not a regular file");
    }
    const auto size = static_cast<std::uint64_t>(info.st_size);
    // A few bytes past the limit let the cut land on a code point boundary.
    constexpr std::uint64_t longest_sequence = 4;
    std::string bytes(
        static_cast<std::size_t>(std::min(size, options.max_bytes + longest_sequence)), '\0');
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            throw SkippedFile(std::string("cannot read: ") + std::strerror(error));
        }
        if (n == 0) {
            break; // the file shrank while we read it
        }
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    bytes.resize(done);
    if (bytes.size() > options.max_bytes) {
        bytes.resize(utf8::truncate(bytes, static_cast<std::size_t>(options.max_bytes)).size());
    }
    Note note = parse_note(bytes, path);
    if (size > options.max_bytes) {
        note.warnings.push_back("larger than " + readable_size(options.max_bytes) +
                                " (--max-file-size): only the first part is indexed");
    }
    note.size = size;
    note.mtime_ns =
        static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
    if (note.date.empty()) {
        note.date = utc_day(note.mtime_ns);
    }
    return note;
}

} // namespace jaryo
