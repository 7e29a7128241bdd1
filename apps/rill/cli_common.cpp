#include "cli_common.hpp"

#include <fmt/format.h>

#include <cstdio>
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
  if (!file.empty()) return read_file(file);
  std::vector<std::uint8_t> bytes;
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

std::uint64_t parse_size(const std::string& text) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    throw InputError(fmt::format("'{}' is not a size (examples: 512M, 2G)", text));
  }
  const std::string suffix = text.substr(used);
  double scale = 1;
  if (suffix == "K" || suffix == "k")
    scale = 1024.0;
  else if (suffix == "M" || suffix == "m")
    scale = 1024.0 * 1024;
  else if (suffix == "G" || suffix == "g")
    scale = 1024.0 * 1024 * 1024;
  else if (suffix == "T" || suffix == "t")
    scale = 1024.0 * 1024 * 1024 * 1024;
  else if (!suffix.empty())
    throw InputError(
        fmt::format("'{}': unknown size suffix '{}' (use K, M, G or T)", text, suffix));
  if (!(value > 0)) throw InputError(fmt::format("'{}': a size must be positive", text));
  return static_cast<std::uint64_t>(value * scale);
}

std::vector<std::uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("cannot open '{}'", path));
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file_atomically(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  const std::string temporary = path + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
      std::remove(temporary.c_str());
      throw InputError(fmt::format("cannot write '{}'", path));
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    throw InputError(fmt::format("cannot write '{}'", path));
  }
}

std::string to_hex(const std::vector<std::uint8_t>& bytes) {
  std::string s;
  s.reserve(bytes.size() * 2);
  for (auto b : bytes) s += fmt::format("{:02x}", b);
  return s;
}

}  // namespace rill::cli
