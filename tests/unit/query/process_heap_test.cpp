#include "process_heap.hpp"

#include <cstdint>
#include <cstdlib>
#include <doctest/doctest.h>
#include <fstream>
#include <malloc.h>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool sanitizer_heap = true;
#else
constexpr bool sanitizer_heap = false;
#endif

// The VmFlags of the mapping holding `pointer`, as /proc/self/smaps lists them ("rd wr ... hg").
std::string mapping_flags(const void* pointer) {
    const auto wanted = reinterpret_cast<std::uintptr_t>(pointer);
    std::ifstream smaps("/proc/self/smaps");
    bool inside = false;
    for (std::string line; std::getline(smaps, line);) {
        std::uintptr_t start = 0;
        std::uintptr_t end = 0;
        char dash = 0;
        std::istringstream range(line);
        if (range >> std::hex >> start >> dash >> end && dash == '-') {
            inside = start <= wanted && wanted < end;
        } else if (inside && line.rfind("VmFlags:", 0) == 0) {
            return line.substr(8) + " ";
        }
    }
    return "";
}

// Bytes of address space this process holds (/proc/self/statm's first field is in pages).
std::size_t address_space_in_use() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0;
    statm >> pages;
    return pages * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

} // namespace

TEST_CASE("process heap: the next allocation from the heap starts a huge-page-eligible 2 MiB "
          "page") {
    const bool backed = jaryo::back_heap_with_huge_pages();
    // Larger than any chunk freed before, so it comes from the top of the heap.
    void* block = std::malloc(std::size_t{8} << 20);
    REQUIRE(block != nullptr);
    if constexpr (sanitizer_heap) {
        CHECK_FALSE(backed);
    } else {
        CHECK(backed);
        CHECK(reinterpret_cast<std::uintptr_t>(block) % (std::uintptr_t{2} << 20) == 0);
        CHECK(mapping_flags(block).find(" hg ") != std::string::npos);
    }
    std::free(block);
}

// Sanitizers reserve their shadow memory up front: no limit on address space suits them.
TEST_CASE("process heap: under a tight limit on address space the heap still grows as usual" *
          doctest::skip(sanitizer_heap)) {
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        malloc_trim(0); // the top of the heap down to its usual padding, as in a new process
        const rlim_t limit = address_space_in_use() + (rlim_t{24} << 20);
        const rlimit address_space{limit, limit};
        setrlimit(RLIMIT_AS, &address_space);
        const bool backed = jaryo::back_heap_with_huge_pages();
        // 64 MiB cannot be reserved here; 8 MiB can.
        void* block = std::malloc(std::size_t{8} << 20);
        _exit(!backed && block != nullptr ? 0 : 1);
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}
