#pragma once
// Folders that appear whole or not at all.
#include <filesystem>
#include <functional>

namespace jaryo {

// Lets `fill` make the folder beside `place`, then renames it there in one step: a process
// killed midway leaves nothing at `place` (or the empty folder that was there), never half a
// database that the next run would refuse. Folders left beside it by killed runs are removed.
// Returns false, and keeps nothing of its own, when another process put a folder there first.
bool create_whole(const std::filesystem::path& place,
                  const std::function<void(const std::filesystem::path&)>& fill);

} // namespace jaryo
