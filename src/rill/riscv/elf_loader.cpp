#include "rill/riscv/elf_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "rill/util/file_io.hpp"

namespace rill::riscv {

namespace {

// ELF constants (System V ABI, ELF-32 object file format; RISC-V ELF psABI).
constexpr std::size_t kEhdrSize = 52, kPhdrSize = 32, kShdrSize = 40;
constexpr u8 kClass32 = 1, kClass64 = 2, kDataLittle = 1;
constexpr u16 kTypeExec = 2, kMachineRiscv = 243;
constexpr u32 kPtLoad = 1, kPfExecute = 1;
constexpr u32 kShtNobits = 8, kShfAlloc = 2, kShfExecinstr = 4;
constexpr u32 kEfRiscvRvc = 0x1, kEfRiscvFloatAbi = 0x6, kEfRiscvRve = 0x8;

class Reader {
 public:
  explicit Reader(std::span<const u8> file) : file_(file) {}
  u8 u8_at(u64 off) const { return file_[off]; }
  u16 u16_at(u64 off) const { return static_cast<u16>(file_[off] | file_[off + 1] << 8); }
  u32 u32_at(u64 off) const {
    return static_cast<u32>(u16_at(off)) | static_cast<u32>(u16_at(off + 2)) << 16;
  }
  bool has(u64 off, u64 len) const { return off <= file_.size() && len <= file_.size() - off; }

 private:
  std::span<const u8> file_;
};

std::vector<Segment> read_segments(const Reader& r, std::span<const u8> file) {
  const u32 phoff = r.u32_at(28);
  const u16 phentsize = r.u16_at(42), phnum = r.u16_at(44);
  if (phnum == 0) throw ElfError("no program headers");
  if (phentsize != kPhdrSize)
    throw ElfError(fmt::format("program header size {} (expected 32)", phentsize));
  if (!r.has(phoff, u64{phnum} * kPhdrSize))
    throw ElfError("truncated: program headers past end of file");
  std::vector<Segment> segments;
  for (u32 i = 0; i < phnum; ++i) {
    const u64 h = phoff + u64{i} * kPhdrSize;
    if (r.u32_at(h) != kPtLoad) continue;
    const u32 offset = r.u32_at(h + 4), vaddr = r.u32_at(h + 8), filesz = r.u32_at(h + 16),
              memsz = r.u32_at(h + 20), flags = r.u32_at(h + 24);
    if (memsz == 0) continue;
    if (filesz > memsz)
      throw ElfError(fmt::format("segment {} has file size {} > memory size {}", i, filesz, memsz));
    if (!r.has(offset, filesz))
      throw ElfError(fmt::format("truncated: segment {} extends past end of file", i));
    if (u64{vaddr} + memsz > (u64{1} << 32))
      throw ElfError(fmt::format("segment {} wraps the 32-bit address space", i));
    Segment s;
    s.vaddr = vaddr;
    s.mem_size = memsz;
    s.executable = (flags & kPfExecute) != 0;
    s.bytes.assign(file.begin() + offset, file.begin() + offset + filesz);
    segments.push_back(std::move(s));
  }
  if (segments.empty()) throw ElfError("no loadable segment");
  std::sort(segments.begin(), segments.end(),
            [](const Segment& a, const Segment& b) { return a.vaddr < b.vaddr; });
  u64 image_end = 0;
  for (const Segment& s : segments) image_end = std::max(image_end, u64{s.vaddr} + s.mem_size);
  if (image_end - segments.front().vaddr > kMaxImageBytes) {
    throw ElfError(fmt::format("segments span {} bytes, more than the {} MiB program limit",
                               image_end - segments.front().vaddr, kMaxImageBytes >> 20));
  }
  for (std::size_t i = 1; i < segments.size(); ++i) {
    const Segment& prev = segments[i - 1];
    if (u64{prev.vaddr} + prev.mem_size > segments[i].vaddr) {
      throw ElfError(
          fmt::format("segments at {:#010x} and {:#010x} overlap", prev.vaddr, segments[i].vaddr));
    }
  }
  return segments;
}

// Allocated, executable, non-empty sections; empty when the file has no section headers.
std::vector<AddressRange> read_text_sections(const Reader& r) {
  const u32 shoff = r.u32_at(32);
  const u16 shentsize = r.u16_at(46), shnum = r.u16_at(48);
  std::vector<AddressRange> text;
  if (shoff == 0 || shnum == 0) return text;
  if (shentsize != kShdrSize)
    throw ElfError(fmt::format("section header size {} (expected 40)", shentsize));
  if (!r.has(shoff, u64{shnum} * kShdrSize))
    throw ElfError("truncated: section headers past end of file");
  for (u32 i = 0; i < shnum; ++i) {
    const u64 h = shoff + u64{i} * kShdrSize;
    const u32 type = r.u32_at(h + 4), flags = r.u32_at(h + 8), addr = r.u32_at(h + 12),
              size = r.u32_at(h + 20);
    if (type == kShtNobits || size == 0) continue;
    if ((flags & (kShfAlloc | kShfExecinstr)) != (kShfAlloc | kShfExecinstr)) continue;
    if (addr % 4 != 0 || size % 4 != 0) {
      throw ElfError(fmt::format("executable section at {:#010x} is not 4-byte aligned", addr));
    }
    text.push_back({addr, addr + size});
  }
  std::sort(text.begin(), text.end(),
            [](const AddressRange& a, const AddressRange& b) { return a.begin < b.begin; });
  return text;
}

bool within_segment_bytes(const std::vector<Segment>& segments, const AddressRange& range) {
  return std::any_of(segments.begin(), segments.end(), [&](const Segment& s) {
    return s.executable && range.begin >= s.vaddr &&
           u64{range.end} <= u64{s.vaddr} + s.bytes.size();
  });
}

}  // namespace

Program parse_elf(std::span<const u8> file) {
  if (file.size() < 4 || std::memcmp(file.data(),
                                     "\x7f"
                                     "ELF",
                                     4) != 0)
    throw ElfError("not an ELF file (bad magic)");
  if (file.size() < kEhdrSize) throw ElfError("truncated: file shorter than the ELF header");
  const Reader r(file);
  if (r.u8_at(4) == kClass64) throw ElfError("ELF64 file; Rill runs RV32 (ELF32) programs only");
  if (r.u8_at(4) != kClass32) throw ElfError("unknown ELF class");
  if (r.u8_at(5) != kDataLittle)
    throw ElfError("big-endian ELF; RISC-V programs are little-endian");
  if (r.u16_at(18) != kMachineRiscv)
    throw ElfError(fmt::format("machine {} is not RISC-V (243)", r.u16_at(18)));
  if (r.u16_at(16) != kTypeExec)
    throw ElfError(fmt::format("ELF type {} is not an executable (2)", r.u16_at(16)));
  const u32 flags = r.u32_at(36);
  if (flags & kEfRiscvRvc) throw ElfError("compressed (RVC) code; Rill runs RV32IM without C");
  if (flags & (kEfRiscvFloatAbi | kEfRiscvRve))
    throw ElfError("float ABI or RV32E; expected ilp32 RV32IM");

  Program p;
  p.entry = r.u32_at(24);
  p.segments = read_segments(r, file);
  p.text = read_text_sections(r);
  if (p.text.empty()) {
    for (const Segment& s : p.segments) {
      if (s.executable)
        p.text.push_back({s.vaddr, s.vaddr + static_cast<u32>(s.bytes.size() & ~3ull)});
    }
  }
  if (p.text.empty()) throw ElfError("no executable code");
  if (u64{p.text.back().end} - p.text.front().begin > kMaxTextBytes) {
    throw ElfError(fmt::format("code spans {} bytes, more than the {} MiB code limit",
                               u64{p.text.back().end} - p.text.front().begin, kMaxTextBytes >> 20));
  }
  for (const AddressRange& t : p.text) {
    if (!within_segment_bytes(p.segments, t)) {
      throw ElfError(fmt::format(
          "code at {:#010x} lies outside the file bytes of an executable segment", t.begin));
    }
  }
  const bool entry_in_text = std::any_of(
      p.text.begin(), p.text.end(), [&](const AddressRange& t) { return t.contains(p.entry); });
  if (!entry_in_text || p.entry % 4 != 0) {
    throw ElfError(
        fmt::format("entry point {:#010x} is not an aligned address inside the code", p.entry));
  }
  return p;
}

Program load_elf(const std::string& path) {
  const std::vector<u8> bytes = read_regular_file(path, kMaxElfFileBytes, "program");
  try {
    return parse_elf(bytes);
  } catch (const ElfError& e) {
    throw ElfError(fmt::format("{}: {}", path, e.detail()));
  }
}

}  // namespace rill::riscv
