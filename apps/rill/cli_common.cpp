#include "cli_common.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iterator>

#include "rill/util/error.hpp"

namespace rill::cli {

void InputOptions::add_to(CLI::App& cmd) {
  auto* file_opt = cmd.add_option("--input", file, "File whose bytes are the guest's input")
                       ->check(CLI::ExistingFile);
  auto* hex_opt =
      cmd.add_option("--input-hex", hex, "The guest's input bytes as hex (e.g. 0a000000)");
  file_opt->excludes(hex_opt);
}

std::vector<std::uint8_t> InputOptions::load() const {
  std::vector<std::uint8_t> bytes;
  if (!file.empty()) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(fmt::format("cannot open input file '{}'", file));
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return bytes;
  }
  std::string digits = hex;
  if (digits.starts_with("0x") || digits.starts_with("0X")) digits = digits.substr(2);
  if (digits.size() % 2 != 0) {
    throw InputError(
        fmt::format("--input-hex needs an even number of hex digits, got {}", digits.size()));
  }
  auto nibble = [&](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw InputError(fmt::format("--input-hex: '{}' is not a hex digit", c));
  };
  for (std::size_t i = 0; i < digits.size(); i += 2) {
    bytes.push_back(static_cast<std::uint8_t>(nibble(digits[i]) * 16 + nibble(digits[i + 1])));
  }
  return bytes;
}

void CommonOptions::add_json(CLI::App& cmd) {
  cmd.add_flag("--json", json, "Print one JSON object instead of text (no progress output)");
}

void CommonOptions::add_threads(CLI::App& cmd) {
  cmd.add_option("--threads", threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1024}));
}

int not_available(const std::string& command, const std::string& what) {
  fmt::print(stderr, "rill {}: {} is not implemented in this build of Rill yet\n", command, what);
  return kExitUsage;
}

std::string to_hex(const std::vector<std::uint8_t>& bytes) {
  std::string s;
  s.reserve(bytes.size() * 2);
  for (auto b : bytes) s += fmt::format("{:02x}", b);
  return s;
}

}  // namespace rill::cli
