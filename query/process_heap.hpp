#pragma once
// Memory set-up for a short-lived process such as one search.

namespace jaryo {

// Makes the rest of this process's heap eligible for 2 MiB pages, its start aligned to one, so
// that a search touching a few hundred KiB of heap takes one page fault instead of one per
// 4 KiB page, which a virtual machine makes dear (docs/performance.md). The heap then never shrinks
// and allocations up to 16 MiB come from it, which suits a process that exits within milliseconds.
// Call first thing in main. Returns false, the heap growing as glibc's usually does, where it did
// not grow for this (a sanitizer, another allocator, a limit on address space) or the kernel
// refuses the advice; malloc's trim and mmap thresholds are raised all the same.
bool back_heap_with_huge_pages();

} // namespace jaryo
