// Fiat–Shamir transcript over BLAKE2b-256 (libsodium), ARCHITECTURE.md §3.
//
// The exact byte framing is specified in docs/proof-format.md ("Transcript") and pinned by a test
// against an independent Python implementation. In short, with H = BLAKE2b-256 and n a 32-bit
// round counter:
//   absorb(data):   state <- H(state || 0^28 || be32(n) || data),  n <- n + 1
//   new(label):     state <- H(pad32(label)),                      n <- 0
//   challenge:      out   <- H(state || 0^28 || be32(n)),  state <- out, n <- n + 1,
//                   value = Fr::from_u128(le128(out[0..16]))
// Single items are a padded-label absorb followed by the item; variable-length items absorb a
// header pad24(label) || be64(length) and then each element on its own.
//
// Only the prover/verifier orchestrator touches a transcript; parallel code never does.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/util/int.hpp"

namespace rill {

class Transcript {
 public:
  static constexpr std::size_t kStateBytes = 32;
  // Labels of single items are padded to 32 bytes; labels of vector headers to 24.
  static constexpr std::size_t kMaxLabelBytes = 32;
  static constexpr std::size_t kMaxVectorLabelBytes = 24;

  using Digest = std::array<u8, kStateBytes>;

  // Starts a transcript bound to a domain-separation label (at most 32 bytes).
  explicit Transcript(std::string_view label);

  // A labeled byte string of any length (group elements are appended this way, as their
  // canonical encodings): header pad24(label) || be64(len), then the bytes as one absorb.
  void append_bytes(std::string_view label, std::span<const u8> bytes);
  // A labeled u64: pad32(label), then 0^24 || be64(value).
  void append_u64(std::string_view label, u64 value);
  // A labeled field element: pad32(label), then its canonical 32-byte little-endian encoding.
  void append_scalar(std::string_view label, const Fr& value);
  // A labeled vector of field elements: header pad24(label) || be64(count), then one absorb per
  // element (canonical 32-byte little-endian).
  void append_scalars(std::string_view label, std::span<const Fr> values);

  // 32 pseudo-random bytes; they also become the new state.
  Digest challenge_bytes();
  // One challenge: the first 16 bytes of challenge_bytes() as a little-endian u128, mapped with
  // Fr::from_u128 (so every challenge is below 2^128).
  Fr challenge_scalar();
  std::vector<Fr> challenge_scalars(std::size_t count);

  // The current chaining state and counter, for transcript-state checkpoints in tests.
  const Digest& state() const { return state_; }
  u32 rounds() const { return rounds_; }

 private:
  void absorb(std::span<const u8> data);
  void absorb_padded_label(std::string_view label);
  void absorb_vector_header(std::string_view label, u64 length);

  Digest state_{};
  u32 rounds_ = 0;
};

}  // namespace rill
