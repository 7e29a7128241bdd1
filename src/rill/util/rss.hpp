// Resident-set-size readings of this process, for memory reports beside the tracked bytes.
#pragma once

#include <cstddef>

namespace rill {

// Peak resident set size of this process so far, in bytes (getrusage ru_maxrss).
std::size_t peak_rss_bytes();

// Current resident set size in bytes (/proc/self/statm), or 0 where it cannot be read.
std::size_t current_rss_bytes();

}  // namespace rill
