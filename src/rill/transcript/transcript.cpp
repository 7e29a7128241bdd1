#include "rill/transcript/transcript.hpp"

#include <sodium.h>

#include <cstring>

#include "rill/util/check.hpp"

namespace rill {

namespace {

void store_be(u8* out, u64 value, std::size_t bytes) {
  for (std::size_t i = 0; i < bytes; ++i) out[bytes - 1 - i] = static_cast<u8>(value >> (8 * i));
}

// The 32-byte round tag 0^28 || be32(n) that precedes every absorb and every challenge.
std::array<u8, 32> round_tag(u32 rounds) {
  std::array<u8, 32> tag{};
  store_be(tag.data() + 28, rounds, 4);
  return tag;
}

}  // namespace

Transcript::Transcript(std::string_view label) {
  RILL_CHECK(sodium_init() >= 0, "libsodium failed to initialize");
  RILL_CHECK(label.size() <= kMaxLabelBytes, "transcript label longer than 32 bytes");
  std::array<u8, 32> padded{};
  std::memcpy(padded.data(), label.data(), label.size());
  crypto_generichash(state_.data(), state_.size(), padded.data(), padded.size(), nullptr, 0);
}

void Transcript::absorb(std::span<const u8> data) {
  crypto_generichash_state h;
  crypto_generichash_init(&h, nullptr, 0, state_.size());
  crypto_generichash_update(&h, state_.data(), state_.size());
  const auto tag = round_tag(rounds_);
  crypto_generichash_update(&h, tag.data(), tag.size());
  crypto_generichash_update(&h, data.data(), data.size());
  crypto_generichash_final(&h, state_.data(), state_.size());
  ++rounds_;
}

void Transcript::absorb_padded_label(std::string_view label) {
  RILL_CHECK(label.size() <= kMaxLabelBytes, "transcript label longer than 32 bytes");
  std::array<u8, 32> padded{};
  std::memcpy(padded.data(), label.data(), label.size());
  absorb(padded);
}

void Transcript::absorb_vector_header(std::string_view label, u64 length) {
  RILL_CHECK(label.size() <= kMaxVectorLabelBytes, "vector label longer than 24 bytes");
  std::array<u8, 32> header{};
  std::memcpy(header.data(), label.data(), label.size());
  store_be(header.data() + 24, length, 8);
  absorb(header);
}

void Transcript::append_bytes(std::string_view label, std::span<const u8> bytes) {
  absorb_vector_header(label, bytes.size());
  absorb(bytes);
}

void Transcript::append_u64(std::string_view label, u64 value) {
  absorb_padded_label(label);
  std::array<u8, 32> data{};
  store_be(data.data() + 24, value, 8);
  absorb(data);
}

void Transcript::append_scalar(std::string_view label, const Fr& value) {
  absorb_padded_label(label);
  const auto bytes = value.to_bytes();
  absorb(bytes);
}

void Transcript::append_scalars(std::string_view label, std::span<const Fr> values) {
  absorb_vector_header(label, values.size());
  for (const Fr& v : values) {
    const auto bytes = v.to_bytes();
    absorb(bytes);
  }
}

Transcript::Digest Transcript::challenge_bytes() {
  crypto_generichash_state h;
  crypto_generichash_init(&h, nullptr, 0, state_.size());
  crypto_generichash_update(&h, state_.data(), state_.size());
  const auto tag = round_tag(rounds_);
  crypto_generichash_update(&h, tag.data(), tag.size());
  crypto_generichash_final(&h, state_.data(), state_.size());
  ++rounds_;
  return state_;
}

Fr Transcript::challenge_scalar() {
  const Digest out = challenge_bytes();
  u128 value = 0;
  for (int i = 15; i >= 0; --i) value = (value << 8) | out[static_cast<std::size_t>(i)];
  return Fr::from_u128(value);
}

std::vector<Fr> Transcript::challenge_scalars(std::size_t count) {
  std::vector<Fr> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) out.push_back(challenge_scalar());
  return out;
}

}  // namespace rill
