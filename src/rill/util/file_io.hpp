// Whole-file I/O for untrusted paths (issue 13, findings 4 and 5).
//
// read_regular_file: refuses anything that is not a regular file (a FIFO, /dev/zero, a directory)
// and any file larger than a limit the caller derives from what the file may hold, before
// allocating for it. write_file_atomically: writes a fresh temporary file (mkstemp) in the target's
// directory and renames it over the target, so a failed run never leaves a partial file; it
// refuses a target that exists and is not a regular file (symlinks included, by lstat).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rill/util/error.hpp"

namespace rill {

// A path that is not a regular file, or a file over its size limit.
class FileLimitError : public InputError {
 public:
  using InputError::InputError;
};

// Reads the regular file at `path` (symlinks to one are followed) of at most max_bytes bytes.
// `what` names the file in messages ("program", "proof", "input"). Throws InputError when it
// cannot be opened or read, FileLimitError when it is not a regular file or is too large.
std::vector<std::uint8_t> read_regular_file(const std::string& path, std::uint64_t max_bytes,
                                            std::string_view what);

// Writes `bytes` to `path` through a mkstemp file in the same directory and rename(2). Throws
// FileLimitError when `path` exists and lstat shows it is not a regular file (a symlink, FIFO,
// device or directory), InputError when writing fails; the temporary file is removed on every
// failure (including std::bad_alloc and other exceptions).
void write_file_atomically(const std::string& path, std::span<const std::uint8_t> bytes);

}  // namespace rill
