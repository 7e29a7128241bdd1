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

// Parses an ELF image; throws ElfError with a precise message on anything unsupported.
Program parse_elf(std::span<const u8> file);

// Reads and parses a file; throws ElfError (or InputError when the file cannot be read).
Program load_elf(const std::string& path);

}  // namespace rill::riscv
