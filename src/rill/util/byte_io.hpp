// Little-endian byte writing and reading for serialized proofs and commitments.
//
// ByteReader reads untrusted bytes: the first failure is kept (with the name of the element that
// failed) and every later read returns empty/zero, so decoders read straight through and check
// ok() once at the end. It never throws and never reads out of bounds.
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "rill/util/int.hpp"

namespace rill {

class ByteWriter {
 public:
  ByteWriter() = default;
  explicit ByteWriter(std::size_t expected_size) { out_.reserve(expected_size); }

  void bytes(std::span<const u8> b) { out_.insert(out_.end(), b.begin(), b.end()); }
  // The low `width` bytes of v, least significant first.
  void uint(u64 v, unsigned width) {
    for (unsigned i = 0; i < width; ++i) out_.push_back(static_cast<u8>(v >> (8 * i)));
  }
  std::size_t size() const { return out_.size(); }
  std::vector<u8> take() { return std::move(out_); }

 private:
  std::vector<u8> out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::span<const u8> in) : in_(in) {}

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  bool at_end() const { return pos_ == in_.size(); }
  std::size_t remaining() const { return in_.size() - pos_; }

  // Records `why` unless an earlier failure is already recorded.
  void fail(std::string why) {
    if (ok()) error_ = std::move(why);
  }

  // The next n bytes, or an empty span (and a "truncated" failure) when fewer are left.
  std::span<const u8> bytes(std::size_t n, const char* what) {
    if (!ok()) return {};
    if (remaining() < n) {
      fail(fmt::format("truncated: {} needs {} bytes, {} left", what, n, remaining()));
      return {};
    }
    const auto s = in_.subspan(pos_, n);
    pos_ += n;
    return s;
  }

  // A little-endian unsigned integer of `width` bytes (0 after a failure).
  u64 uint(unsigned width, const char* what) {
    const auto b = bytes(width, what);
    u64 v = 0;
    for (std::size_t i = 0; i < b.size(); ++i) v |= u64{b[i]} << (8 * i);
    return v;
  }

 private:
  std::span<const u8> in_;
  std::size_t pos_ = 0;
  std::string error_;
};

}  // namespace rill
