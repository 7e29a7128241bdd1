#include "cli_common.hpp"

#include <fmt/format.h>

#include <atomic>
#include <cstdio>
#include <thread>

#include "rill/util/error.hpp"
#include "rill/util/file_io.hpp"
#include "rill/util/int.hpp"

namespace rill::cli {

namespace {

std::atomic<const char*> g_stage{"starting"};

[[noreturn]] void not_a(std::string_view option, const std::string& text, std::string_view what) {
  throw InputError(fmt::format("{}: '{}' is not {}", option, text, what));
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Digits to a number, saturating at 2^64 (so any overflow compares greater than every limit).
u128 digits_value(std::string_view s) {
  u128 v = 0;
  for (char c : s) {
    v = v * 10 + static_cast<unsigned>(c - '0');
    if (v > (u128{1} << 64)) v = u128{1} << 64;
  }
  return v;
}

}  // namespace

void InputOptions::add_to(CLI::App& cmd) {
  auto* file_opt = cmd.add_option("--input", file, "File whose bytes are the guest's input");
  auto* hex_opt =
      cmd.add_option("--input-hex", hex, "The guest's input bytes as hex (e.g. 0a000000)");
  file_opt->excludes(hex_opt);
}

std::vector<std::uint8_t> InputOptions::load(std::uint64_t max_bytes) const {
  if (!file.empty()) return read_regular_file(file, max_bytes, "input");
  return parse_hex("--input-hex", hex, max_bytes, "the input region", "--max-input");
}

std::vector<std::uint8_t> parse_hex(std::string_view option, std::string_view text,
                                    std::uint64_t max_bytes, std::string_view limit_name,
                                    std::string_view limit_option) {
  std::string_view digits = text;
  if (digits.starts_with("0x") || digits.starts_with("0X")) digits.remove_prefix(2);
  if (digits.size() % 2 != 0) {
    throw InputError(
        fmt::format("{} needs an even number of hex digits, got {}", option, digits.size()));
  }
  if (digits.size() / 2 > max_bytes) {
    throw FileLimitError(fmt::format("{}: {} bytes, more than {}'s {} bytes ({})", option,
                                     digits.size() / 2, limit_name, max_bytes, limit_option));
  }
  auto nibble = [&](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw InputError(fmt::format("{}: '{}' is not a hex digit", option, c));
  };
  std::vector<std::uint8_t> bytes;
  bytes.reserve(digits.size() / 2);
  for (std::size_t i = 0; i < digits.size(); i += 2) {
    bytes.push_back(static_cast<std::uint8_t>(nibble(digits[i]) * 16 + nibble(digits[i + 1])));
  }
  return bytes;
}

void CommonOptions::add_json(CLI::App& cmd) {
  cmd.add_flag("--json", json, "Print one JSON object instead of text (no progress output)");
}

void CommonOptions::add_threads(CLI::App& cmd) {
  threads_opt = cmd.add_option(
      "--threads", threads,
      "Worker threads, 1 to 1024 (default: all cores; more than the cores are clamped "
      "to the core count)");
}

unsigned CommonOptions::thread_count() const {
  if (threads_opt == nullptr || threads_opt->count() == 0) return 0;
  const auto n = static_cast<unsigned>(parse_count("--threads", threads, 1, 1024));
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return std::min(n, cores);
}

std::uint64_t parse_count(std::string_view option, const std::string& text, std::uint64_t min,
                          std::uint64_t max) {
  const std::string what = fmt::format("a whole number from {} to {}", min, max);
  if (!all_digits(text)) not_a(option, text, what);
  const u128 v = digits_value(text);
  if (v < min || v > max) not_a(option, text, what);
  return static_cast<std::uint64_t>(v);
}

std::uint64_t parse_size(std::string_view option, const std::string& text, std::uint64_t max) {
  const std::string what = fmt::format(
      "a size from 1 byte to {} bytes (digits, an optional fraction and an optional "
      "K, M, G or T suffix: 4096, 512M, 1.5G)",
      max);
  std::string_view s = text;
  unsigned shift = 0;
  if (!s.empty()) {
    switch (s.back()) {
      case 'K':
      case 'k':
        shift = 10;
        break;
      case 'M':
      case 'm':
        shift = 20;
        break;
      case 'G':
      case 'g':
        shift = 30;
        break;
      case 'T':
      case 't':
        shift = 40;
        break;
      default:
        break;
    }
    if (shift != 0) s.remove_suffix(1);
  }
  const std::size_t dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  if (!all_digits(whole) || (dot != std::string_view::npos && !all_digits(fraction)) ||
      fraction.size() > 9) {
    not_a(option, text, what);
  }
  // bytes = (whole + fraction / 10^f) · 2^shift, exactly in 128 bits, rounded down.
  u128 ten_f = 1;
  for (std::size_t i = 0; i < fraction.size(); ++i) ten_f *= 10;
  const u128 w = digits_value(whole);
  if (w > max) not_a(option, text, what);
  const u128 numerator = (w * ten_f + (fraction.empty() ? 0 : digits_value(fraction))) << shift;
  const u128 bytes = numerator / ten_f;
  if (bytes < 1 || bytes > max) not_a(option, text, what);
  return static_cast<std::uint64_t>(bytes);
}

std::uint64_t parse_max_cycles(const CLI::Option* option, const std::string& text,
                               std::uint64_t fallback) {
  if (option->count() == 0) return fallback;
  return parse_count("--max-cycles", text, 1, kMaxMaxCycles);
}

std::uint64_t max_proof_bytes(const riscv::MemoryLayout& layout) {
  // Container header: magic, version, T, K_ram, output length, output, panic flag.
  const std::uint64_t header = 8 + 4 + 8 + 8 + 4 + layout.config().max_output + 1;
  // Per stage: its tag, counts and at most 2^15 field elements (1 MiB); a full Jolt proof has
  // eight stages and a Dory opening proof of O(log T) group elements, well inside 16 stages.
  constexpr std::uint64_t kStageBytes = 16 + (std::uint64_t{1} << 20);
  constexpr std::uint64_t kStages = 16;
  return header + kStages * kStageBytes;
}

std::vector<std::uint8_t> read_proof_file(const std::string& path,
                                          const riscv::MemoryLayout& layout) {
  return read_regular_file(path, max_proof_bytes(layout), "proof");
}

void write_output(const std::string& path, std::span<const std::uint8_t> bytes) {
  if (path == "-") {
    if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size() ||
        std::fflush(stdout) != 0) {
      throw InputError("cannot write the proof to standard output");
    }
    return;
  }
  write_file_atomically(path, bytes);
}

void set_stage(const char* stage) { g_stage.store(stage, std::memory_order_relaxed); }
const char* current_stage() { return g_stage.load(std::memory_order_relaxed); }

std::string proven_stages() {
  std::string out = "0";  // the commitments, which precede the stage table's stages
  for (const zkvm::StageId id : zkvm::landed_stages()) {
    if (!out.empty()) out += ", ";
    out += zkvm::stage_name(id).substr(std::string_view("stage ").size());
  }
  return out;
}

}  // namespace rill::cli
