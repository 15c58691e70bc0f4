#include "process_heap.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#if defined(__GLIBC__) && defined(__linux__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace jaryo {

#if defined(__GLIBC__) && defined(__linux__)

namespace {

constexpr std::uintptr_t huge_page = std::uintptr_t{2} << 20;
// glibc's M_TOP_PAD unless told otherwise (mallopt(3)).
constexpr int default_top_pad = 128 * 1024;
// glibc's malloc puts a 16-byte header before each chunk's memory.
constexpr std::uintptr_t chunk_header = 16;

std::uintptr_t address(const void* pointer) {
    return reinterpret_cast<std::uintptr_t>(pointer);
}

// Never freed: its pages, below the first huge page, are never touched.
void* alignment_spacer = nullptr;

} // namespace

bool back_heap_with_huge_pages() {
    // The kernel backs an aligned 2 MiB range with a huge page only if the whole range lies in
    // an advised mapping and none of its 4 KiB pages was touched; a later brk extension is a
    // new, unadvised mapping. So the heap grows once by 64 MiB of address space (memory comes
    // only as it is touched), and is neither trimmed nor bypassed by mmap for large blocks.
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 16 << 20);
    mallopt(M_TOP_PAD, 64 << 20);

    // Carved from the start of the top chunk, growing the heap past it; it must end beyond the
    // first huge page so that the top chunk's header, written at its end, stays outside.
    constexpr std::size_t grow_size = 2 * huge_page + huge_page / 16;
    const std::uintptr_t heap_end_before = address(sbrk(0));
    void* grow = std::malloc(grow_size);
    // Any later growth in glibc's usual steps: under a limit on address space (ulimit -v) a
    // search must not fail for want of 64 MiB more.
    mallopt(M_TOP_PAD, default_top_pad);
    if (grow == nullptr) {
        return false;
    }
    const std::uintptr_t top_start = address(grow) - chunk_header;
    const std::uintptr_t heap_end = address(sbrk(0));
    // Served by growing the brk heap, not from a free chunk of its own size or a mapping.
    const bool grew_heap =
        heap_end > heap_end_before && top_start < heap_end && heap_end - top_start > grow_size;
    // Far enough from the top's start that the spacer is no small request served from a bin.
    const std::uintptr_t first_huge =
        (top_start + huge_page / 32 + huge_page - 1) & ~(huge_page - 1);
    const std::uintptr_t last_huge_end = heap_end & ~(huge_page - 1);
    const bool advised = grew_heap && last_huge_end > first_huge &&
                         madvise(reinterpret_cast<void*>(first_huge), last_huge_end - first_huge,
                                 MADV_HUGEPAGE) == 0;
    std::free(grow);
    if (!advised) {
        return false;
    }
    // Back into the top chunk, then the space up to the first huge page taken whole, so that
    // the next allocation from the top starts on it.
    const std::size_t spacer_chunk = first_huge - chunk_header - top_start;
    alignment_spacer = std::malloc(spacer_chunk - sizeof(std::size_t)); // n + 8, rounded to 16
    if (address(alignment_spacer) == top_start + chunk_header) {
        return true;
    }
    std::free(alignment_spacer);
    alignment_spacer = nullptr;
    return false;
}

#else

bool back_heap_with_huge_pages() {
    return false;
}

#endif

} // namespace jaryo
