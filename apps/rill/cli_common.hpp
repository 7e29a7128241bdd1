// Pieces shared by the `rill` subcommands: input-byte options, exit codes, JSON output.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace rill::cli {

// Exit codes (ARCHITECTURE.md §5).
inline constexpr int kExitOk = 0;        // success / proof valid
inline constexpr int kExitRejected = 1;  // proof invalid or guest panicked
inline constexpr int kExitUsage = 2;     // usage or input error

// --input FILE | --input-hex HEX: the guest's input bytes.
struct InputOptions {
  std::string file;
  std::string hex;
  void add_to(CLI::App& cmd);
  // Reads the bytes; throws rill::InputError with a clear message on a bad file or bad hex.
  std::vector<std::uint8_t> load() const;
};

// Options every proving command shares.
struct CommonOptions {
  bool json = false;
  std::size_t threads = 0;
  void add_json(CLI::App& cmd);
  void add_threads(CLI::App& cmd);
};

// Prints the standard message for a capability that does not exist yet and returns kExitUsage.
int not_available(const std::string& command, const std::string& what);

// "512M", "2G", "1.5G", "4096" (bytes; K/M/G/T are powers of 1024). Throws InputError.
std::uint64_t parse_size(const std::string& text);

// Whole-file I/O for proofs. read_file throws InputError when the file cannot be read;
// write_file_atomically writes a temporary file next to `path` and renames it, so a failed run
// never leaves a partial file that looks valid.
std::vector<std::uint8_t> read_file(const std::string& path);
void write_file_atomically(const std::string& path, const std::vector<std::uint8_t>& bytes);

// Lowercase hex of bytes.
std::string to_hex(const std::vector<std::uint8_t>& bytes);

}  // namespace rill::cli
