#!/usr/bin/env python3
"""Checks that jaryo-search was linked with the functions searches run laid out together.

usage: hot_layout_test.py JARYO_SEARCH HOT_FUNCTIONS

HOT_FUNCTIONS is query/hot_functions.txt. Fails when most of its names are missing from the
executable (the code changed: re-run scripts/hot-functions), or when the functions it names are
spread over the code instead of lying in one stretch at its start (the layout was not applied).
"""
import subprocess
import sys

# Below this share of names found, the list no longer describes the code.
LEAST_FOUND = 0.8
# Functions past this quantile of addresses may lie apart: names shared with functions
# searches never run (a static function of the same name in another file, say).
QUANTILE = 0.9
# ICU's archives put each file's functions in one section, so the stretch also holds
# functions of theirs that no search runs.
MOST_STRETCH_PER_BYTE_LISTED = 2.0


def listed_names(path):
    with open(path, encoding="utf-8") as lines:
        return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def code_section(executable):
    """Start address and size of .text."""
    headers = subprocess.run(["readelf", "-SW", executable], check=True, capture_output=True,
                             text=True).stdout
    for line in headers.splitlines():
        fields = line.replace("[ ", "[").split()
        if ".text" in fields:
            at = fields.index(".text")
            return int(fields[at + 2], 16), int(fields[at + 4], 16)
    sys.exit(f"{executable}: no .text section")


def functions(executable):
    """(name, address, size) of every function symbol."""
    listing = subprocess.run(["nm", "-S", "--defined-only", executable], check=True,
                             capture_output=True, text=True).stdout
    for line in listing.splitlines():
        fields = line.split()
        if len(fields) == 4 and fields[2] in "tTwW":
            yield fields[3], int(fields[0], 16), int(fields[1], 16)


def main():
    executable, hot_functions = sys.argv[1], sys.argv[2]
    names = listed_names(hot_functions)
    found = [(name, address, size) for name, address, size in functions(executable)
             if name in names]
    found_names = len({name for name, _, _ in found})
    share = found_names / len(names)
    print(f"{found_names} of {len(names)} listed functions found ({share:.0%})")
    if share < LEAST_FOUND:
        sys.exit(f"{hot_functions} is out of date: re-run scripts/hot-functions on a Release build")

    text_start, text_size = code_section(executable)
    ends = sorted(address + size - text_start for _, address, size in found)
    stretch = ends[int(QUANTILE * (len(ends) - 1))]
    listed_bytes = sum(size for _, _, size in found)
    print(f"{QUANTILE:.0%} of them within the first {stretch} bytes of {text_size}; "
          f"{listed_bytes} bytes listed")
    if stretch > MOST_STRETCH_PER_BYTE_LISTED * listed_bytes:
        sys.exit(f"{executable}: the functions of {hot_functions} are spread over its code; "
                 "was it linked with lld's --symbol-ordering-file?")


if __name__ == "__main__":
    main()
