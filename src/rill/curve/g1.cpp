#include "rill/curve/g1.hpp"

#include "rill/curve/batch_normalize.hpp"
#include "rill/curve/encoding.hpp"

namespace rill {

bool G1Affine::is_on_curve() const {
  if (infinity) return true;
  return y.square() == x.square() * x + G1CurveParams::b();
}

std::array<u8, 32> G1Affine::compress() const {
  std::array<u8, 32> out{};
  if (infinity) {
    out[31] = detail::kInfinityFlag;
    return out;
  }
  detail::write_fq(out, x);
  if (detail::fq_is_negative(y)) out[31] |= detail::kNegativeFlag;
  return out;
}

std::array<u8, 64> G1Affine::to_uncompressed_bytes() const {
  std::array<u8, 64> out{};
  if (infinity) {
    out[63] = detail::kInfinityFlag;
    return out;
  }
  detail::write_fq(std::span<u8>(out).first(32), x);
  detail::write_fq(std::span<u8>(out).subspan(32), y);
  return out;
}

namespace {
using Result = DecodeResult<G1Affine>;
}  // namespace

DecodeResult<G1Affine> G1Affine::decompress(std::span<const u8> bytes) {
  if (bytes.size() != 32) return Result::fail("G1 compressed encoding must be 32 bytes");
  if (std::string err = detail::check_flag_bits(bytes, true); !err.empty())
    return Result::fail(err);
  if (bytes[31] & detail::kInfinityFlag) return Result::ok(identity());
  std::array<u8, 32> xb;
  std::copy(bytes.begin(), bytes.end(), xb.begin());
  const bool negative = xb[31] & detail::kNegativeFlag;
  xb[31] &= static_cast<u8>(~detail::kFlagMask);
  const std::optional<Fq> x = detail::read_fq(xb);
  if (!x) return Result::fail("G1 x coordinate is not canonical (>= p)");
  std::optional<Fq> y = (x->square() * *x + G1CurveParams::b()).sqrt();
  if (!y) return Result::fail("G1 x coordinate has no point on the curve");
  if (detail::fq_is_negative(*y) != negative) *y = -*y;
  return Result::ok(G1Affine{*x, *y, false});
}

DecodeResult<G1Affine> G1Affine::from_uncompressed_bytes(std::span<const u8> bytes) {
  if (bytes.size() != 64) return Result::fail("G1 uncompressed encoding must be 64 bytes");
  if (std::string err = detail::check_flag_bits(bytes, false); !err.empty())
    return Result::fail(err);
  if (bytes[63] & detail::kInfinityFlag) return Result::ok(identity());
  const std::optional<Fq> x = detail::read_fq(bytes.first(32));
  const std::optional<Fq> y = detail::read_fq(bytes.subspan(32));
  if (!x || !y) return Result::fail("G1 coordinate is not canonical (>= p)");
  const G1Affine p{*x, *y, false};
  if (!p.is_on_curve()) return Result::fail("G1 point is not on the curve");
  return Result::ok(p);
}

std::vector<G1Affine> batch_normalize(std::span<const G1> points) {
  return detail::batch_normalize_points<G1>(points);
}

}  // namespace rill
