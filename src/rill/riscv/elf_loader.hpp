// ELF32 loader for RV32IM guest programs (little-endian, executable type, RISC-V machine).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "rill/util/error.hpp"
#include "rill/util/int.hpp"

namespace rill::riscv {

// A malformed or unsupported ELF file.
class ElfError : public InputError {
 public:
  explicit ElfError(const std::string& detail)
      : InputError("bad ELF: " + detail), detail_(detail) {}
  const std::string& detail() const { return detail_; }

 private:
  std::string detail_;
};

// One PT_LOAD segment: `bytes` (its file image) at `vaddr`, zero-filled up to `mem_size` bytes.
struct Segment {
  u32 vaddr = 0;
  u32 mem_size = 0;
  bool executable = false;
  std::vector<u8> bytes;
};

// An address range [begin, end) that holds instructions.
struct AddressRange {
  u32 begin = 0;
  u32 end = 0;
  bool contains(u32 a) const { return a >= begin && a < end; }
};

struct Program {
  u32 entry = 0;
  std::vector<Segment> segments;  // sorted by address, non-overlapping
  // Where instructions are: the allocated SHF_EXECINSTR sections when the file has section
  // headers (so read-only data placed in an executable segment is not decoded as code), else
  // the executable segments. Sorted, 4-byte aligned.
  std::vector<AddressRange> text;
};

// Program size limits (issue 13, finding 4): checked before anything is sized from the file.
//   kMaxElfFileBytes:  the ELF file itself (load_elf refuses a larger file before reading it).
//   kMaxImageBytes:    the span of the loadable segments, lowest vaddr to highest end.
//   kMaxTextBytes:     the span of the code, which sizes the bytecode tables (two 4-byte words
//                      per text word), so two tiny text segments far apart cannot cost gigabytes.
inline constexpr u64 kMaxElfFileBytes = u64{64} << 20;
inline constexpr u64 kMaxImageBytes = u64{256} << 20;
inline constexpr u64 kMaxTextBytes = u64{16} << 20;

// Parses an ELF image; throws ElfError with a precise message on anything unsupported.
Program parse_elf(std::span<const u8> file);

// Reads and parses a file; throws ElfError (or InputError when the file cannot be read, is not a
// regular file or exceeds kMaxElfFileBytes).
Program load_elf(const std::string& path);

}  // namespace rill::riscv
