// The on-disk cache of Dory setups, so that the ~3·2^K Miller loops and 2^(K+1) hash-to-curve
// calls of DorySetup::generate run once per machine.
//
// Location: $XDG_CACHE_HOME/rill, or ~/.cache/rill when XDG_CACHE_HOME is unset or empty; one file
// per K, "dory_setup_v1_k<K>.bin". File layout (all integers little-endian):
//   magic "RILLDORY" (8) ‖ u32 file version (1) ‖ u32 K ‖ u64 payload length ‖
//   BLAKE2b-256(payload) (32) ‖ payload
//   payload = Γ1[0..2^K) (64 B each, uncompressed) ‖ Γ2[0..2^K) (128 B each) ‖ h1 ‖ h2 ‖ HT ‖
//             χ_0..χ_K ‖ Δ1R_0..Δ1R_K ‖ Δ2R_0..Δ2R_K (GT, 384 B each)
// When the file for K is missing, a cached file for a larger K serves (the smaller setup is its
// prefix). A missing, short or corrupt file (bad magic, version, size, checksum, or any element
// that does not decode) is rebuilt and rewritten, with a warning on stderr. Writes go to a
// temporary file renamed into place, so concurrent processes never see a half-written file.
//
// The cache is not trusted (issue 13, finding 9): its checksum is unkeyed and stored beside the
// payload, so anyone who can write the file can recompute it. The setup is deterministic, so the
// BLAKE2b-256 of each size's payload (= DorySetup::digest()) is pinned in the source
// (pinned_setup_digest); a file whose payload does not hash to the pinned digest is rejected and
// rebuilt. Sizes without a pinned digest never use the cache: they are generated every time.
// setup_test.cpp regenerates the setups and compares them with the pinned digests.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rill/pcs/setup.hpp"

namespace rill {

struct SetupLoadReport {
  std::filesystem::path path;
  bool loaded_from_cache = false;
  std::string rebuild_reason;  // why the cache was not used (empty when it was)
  double seconds = 0;          // load or generate + write time
  std::size_t file_bytes = 0;
};

// The pinned BLAKE2b-256 digest of the setup payload for K = log_columns, or nullopt when K is
// beyond the pinned sizes (0 ≤ K ≤ kMaxPinnedLogColumns).
inline constexpr unsigned kMaxPinnedLogColumns = 18;
std::optional<std::array<u8, 32>> pinned_setup_digest(unsigned log_columns);

// $XDG_CACHE_HOME/rill or ~/.cache/rill.
std::filesystem::path setup_cache_dir();

// Loads the setup for max_log_n from the cache, or generates and caches it.
DorySetup load_or_generate_setup(unsigned max_log_n, SetupLoadReport* report = nullptr);

// The payload part of the file (also what DorySetup::digest() hashes).
std::vector<u8> encode_setup_payload(const DorySetup& setup);
// The whole cache file, header included.
std::vector<u8> encode_setup_file(const DorySetup& setup);
// Parses a cache file for K = log_columns; nullopt with *why set when anything is wrong.
std::optional<DorySetup> decode_setup_file(std::span<const u8> file, unsigned log_columns,
                                           std::string* why);

}  // namespace rill
