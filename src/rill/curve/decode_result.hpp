// The result of decoding untrusted bytes into a curve or target-group element: either the value
// or a human-readable reason for the rejection. Decoders never throw and never abort.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace rill {

template <class T>
struct DecodeResult {
  std::optional<T> value;  // set iff the bytes were accepted
  std::string error;       // empty iff the bytes were accepted

  static DecodeResult ok(T v) { return DecodeResult{std::move(v), {}}; }
  static DecodeResult fail(std::string reason) {
    return DecodeResult{std::nullopt, std::move(reason)};
  }

  bool has_value() const { return value.has_value(); }
  explicit operator bool() const { return value.has_value(); }
  const T& operator*() const { return *value; }
  const T* operator->() const { return &*value; }
};

}  // namespace rill
