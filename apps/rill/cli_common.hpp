// Pieces shared by the `rill` subcommands: input-byte options, exact option parsing, bounded file
// reads, proof output, exit codes, and the stage name reported when memory runs out.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rill/riscv/memory_layout.hpp"
#include "rill/util/hex.hpp"
#include "rill/zkvm/prover/api.hpp"

namespace rill::cli {

// Exit codes (ARCHITECTURE.md §5).
inline constexpr int kExitOk = 0;        // success / proof valid
inline constexpr int kExitRejected = 1;  // proof invalid or guest panicked
inline constexpr int kExitUsage = 2;     // usage or input error

// The cycle limit of `run` and `prove` when --max-cycles is not given (the API's, 2^26 expanded
// rows). `bench` defaults to its own 2^N.
using rill::kDefaultMaxCycles;
// The largest accepted --max-cycles (the verifier's largest T is 2^40).
inline constexpr std::uint64_t kMaxMaxCycles = std::uint64_t{1} << 40;

// --input FILE | --input-hex HEX: the guest's input bytes.
struct InputOptions {
  std::string file;
  std::string hex;
  void add_to(CLI::App& cmd);
  // Reads the bytes, at most `max_bytes` (the layout's input region). Throws rill::InputError with
  // a clear message on a bad file or bad hex, FileLimitError when the input is too long or the
  // file is not a regular file (all exit 2).
  std::vector<std::uint8_t> load(std::uint64_t max_bytes) const;
};

// Options every proving command shares.
struct CommonOptions {
  bool json = false;
  std::string threads;  // parsed by thread_count()
  CLI::Option* threads_opt = nullptr;
  void add_json(CLI::App& cmd);
  void add_threads(CLI::App& cmd);
  // --threads as a count in [1, 1024], clamped to the hardware threads (more workers than cores
  // only add per-worker state); 0 when not given (every core).
  unsigned thread_count() const;
};

// Exact option parsing (issue 13, finding 6). Every number is decimal digits only: no sign, no
// spaces, no exponent, no "inf"; out-of-range values are errors, never casts. One message style:
//   "<option>: '<text>' is not <what>"
// All throw rill::InputError (exit 2).
//
// A count in [min, max]: "4096", "65536".
std::uint64_t parse_count(std::string_view option, const std::string& text, std::uint64_t min,
                          std::uint64_t max);
// A size in bytes in [1, max]: digits with an optional fraction and an optional K, M, G or T
// suffix (powers of 1024): "4096", "512M", "1.5G". A fraction that leaves a partial byte rounds
// down.
std::uint64_t parse_size(std::string_view option, const std::string& text, std::uint64_t max);

// --max-cycles: `fallback` when the option was not given, else a count in [1, kMaxMaxCycles].
std::uint64_t parse_max_cycles(const CLI::Option* option, const std::string& text,
                               std::uint64_t fallback);

// Reads a proof file: a regular file of at most max_proof_bytes(layout) bytes (FileLimitError,
// exit 2, otherwise).
std::vector<std::uint8_t> read_proof_file(const std::string& path,
                                          const riscv::MemoryLayout& layout);
// The largest proof the statement allows: the container header, the claimed output (at most the
// layout's output region) and the stages' sumcheck rounds and claims for T up to 2^40, with a
// generous margin for the stages still to come (1 MiB of field elements per stage).
std::uint64_t max_proof_bytes(const riscv::MemoryLayout& layout);

// Writes the proof to `path` atomically (util/file_io.hpp), or to standard output for "-".
void write_output(const std::string& path, std::span<const std::uint8_t> bytes);

// What the command is doing, for "out of memory while <stage>" (main.cpp catches bad_alloc).
void set_stage(const char* stage);
const char* current_stage();

using rill::to_hex;  // util/hex.hpp

// The stages this build proves, for reports: "0, 1, 2, …, 8" (the commitments, then
// zkvm::landed_stages()).
std::string proven_stages();

// Hex digits (an optional 0x prefix) as bytes, at most max_bytes: InputError on bad digits,
// FileLimitError (exit 2) over the limit, named after `limit_name` and `limit_option`.
std::vector<std::uint8_t> parse_hex(std::string_view option, std::string_view text,
                                    std::uint64_t max_bytes, std::string_view limit_name,
                                    std::string_view limit_option);

}  // namespace rill::cli
