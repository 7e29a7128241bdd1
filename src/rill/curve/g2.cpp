#include "rill/curve/g2.hpp"

#include "rill/curve/batch_normalize.hpp"
#include "rill/curve/bn254_constants.hpp"
#include "rill/curve/encoding.hpp"

namespace rill {
namespace {

using Result = DecodeResult<G2Affine>;

Fq2 make_fq2(const Fq& c0, const Fq& c1) {
  Fq2 v = Fq2::zero();
  v.c0 = c0;
  v.c1 = c1;
  return v;
}

Fq2 conj(const Fq2& a) { return make_fq2(a.c0, -a.c1); }

Fq2 pow_limbs(const Fq2& base, const std::array<u64, 4>& e) {
  Fq2 acc = Fq2::one();
  for (int limb = 3; limb >= 0; --limb) {
    for (int bit = 63; bit >= 0; --bit) {
      acc = acc.square();
      if ((e[limb] >> bit) & 1) acc = acc * base;
    }
  }
  return acc;
}

struct PsiConstants {
  Fq2 gamma_x, gamma_y;  // ξ^((p−1)/3), ξ^((p−1)/2)
};

const PsiConstants& psi_constants() {
  static const PsiConstants k = [] {
    const Fq2 xi = make_fq2(Fq::from_u64(9), Fq::from_u64(1));
    return PsiConstants{pow_limbs(xi, detail::kFqThird), pow_limbs(xi, detail::kFqHalf)};
  }();
  return k;
}

std::optional<Fq2> read_fq2(std::span<const u8> bytes) {
  const std::optional<Fq> c0 = detail::read_fq(bytes.first(32));
  const std::optional<Fq> c1 = detail::read_fq(bytes.subspan(32, 32));
  if (!c0 || !c1) return std::nullopt;
  return make_fq2(*c0, *c1);
}

void write_fq2(std::span<u8> out, const Fq2& v) {
  detail::write_fq(out.first(32), v.c0);
  detail::write_fq(out.subspan(32, 32), v.c1);
}

}  // namespace

const Fq2& G2CurveParams::b() {
  static const Fq2 b =
      make_fq2(Fq::from_u64(3), Fq::zero()) * make_fq2(Fq::from_u64(9), Fq::from_u64(1)).inverse();
  return b;
}

// The generator fixed by EIP-197 (and @noble/curves).
G2Affine G2Affine::generator() {
  static const G2Affine g = [] {
    auto fq = [](const std::array<u64, 4>& limbs) { return *Fq::from_limbs(limbs); };
    return G2Affine{make_fq2(fq({0x46debd5cd992f6edULL, 0x674322d4f75edaddULL,
                                 0x426a00665e5c4479ULL, 0x1800deef121f1e76ULL}),
                             fq({0x97e485b7aef312c2ULL, 0xf1aa493335a9e712ULL,
                                 0x7260bfb731fb5d25ULL, 0x198e9393920d483aULL})),
                    make_fq2(fq({0x4ce6cc0166fa7daaULL, 0xe3d1e7690c43d37bULL,
                                 0x4aab71808dcb408fULL, 0x12c85ea5db8c6debULL}),
                             fq({0x55acdadcd122975bULL, 0xbc4b313370b38ef3ULL,
                                 0xec9e99ad690c3395ULL, 0x090689d0585ff075ULL})),
                    false};
  }();
  return g;
}

bool G2Affine::is_on_curve() const {
  if (infinity) return true;
  return y.square() == x.square() * x + G2CurveParams::b();
}

// Dai, Lin, Zhao, Zhou, "Fast subgroup membership testings for G1, G2 and GT on pairing-friendly
// curves" (ePrint 2022/348): on BN curves whose u satisfies u ≢ 4 (mod 13) and u ≢ 92 (mod 97)
// (true for BN254), a twist point P is in G2 iff [u+1]P + ψ([u]P) + ψ²([u]P) = ψ³([2u]P). One
// 63-bit scalar multiplication instead of the 254-bit [r]P; tests compare the two.
bool G2Affine::in_subgroup() const {
  if (!is_on_curve()) return false;
  if (infinity) return true;
  const G2 p = G2::from_affine(*this);
  const std::array<u64, 1> u = {detail::kBnU};
  const G2 up = p.mul_limbs(u);
  const G2 lhs = up + p + psi(up) + psi(psi(up));
  return lhs == psi(psi(psi(up.doubled())));
}

std::array<u8, 64> G2Affine::compress() const {
  std::array<u8, 64> out{};
  if (infinity) {
    out[63] = detail::kInfinityFlag;
    return out;
  }
  write_fq2(out, x);
  if (detail::fq2_is_negative(y)) out[63] |= detail::kNegativeFlag;
  return out;
}

std::array<u8, 128> G2Affine::to_uncompressed_bytes() const {
  std::array<u8, 128> out{};
  if (infinity) {
    out[127] = detail::kInfinityFlag;
    return out;
  }
  write_fq2(std::span<u8>(out).first(64), x);
  write_fq2(std::span<u8>(out).subspan(64), y);
  return out;
}

DecodeResult<G2Affine> G2Affine::decompress(std::span<const u8> bytes) {
  if (bytes.size() != 64) return Result::fail("G2 compressed encoding must be 64 bytes");
  if (std::string err = detail::check_flag_bits(bytes, true); !err.empty())
    return Result::fail(err);
  if (bytes[63] & detail::kInfinityFlag) return Result::ok(identity());
  std::array<u8, 64> xb;
  std::copy(bytes.begin(), bytes.end(), xb.begin());
  const bool negative = xb[63] & detail::kNegativeFlag;
  xb[63] &= static_cast<u8>(~detail::kFlagMask);
  const std::optional<Fq2> x = read_fq2(xb);
  if (!x) return Result::fail("G2 x coordinate is not canonical (>= p)");
  std::optional<Fq2> y = (x->square() * *x + G2CurveParams::b()).sqrt();
  if (!y) return Result::fail("G2 x coordinate has no point on the curve");
  if (detail::fq2_is_negative(*y) != negative) *y = -*y;
  const G2Affine p{*x, *y, false};
  if (!p.in_subgroup()) return Result::fail("G2 point is not in the order-r subgroup");
  return Result::ok(p);
}

DecodeResult<G2Affine> G2Affine::from_uncompressed_bytes(std::span<const u8> bytes) {
  if (bytes.size() != 128) return Result::fail("G2 uncompressed encoding must be 128 bytes");
  if (std::string err = detail::check_flag_bits(bytes, false); !err.empty())
    return Result::fail(err);
  if (bytes[127] & detail::kInfinityFlag) return Result::ok(identity());
  const std::optional<Fq2> x = read_fq2(bytes.first(64));
  const std::optional<Fq2> y = read_fq2(bytes.subspan(64));
  if (!x || !y) return Result::fail("G2 coordinate is not canonical (>= p)");
  const G2Affine p{*x, *y, false};
  if (!p.is_on_curve()) return Result::fail("G2 point is not on the curve");
  if (!p.in_subgroup()) return Result::fail("G2 point is not in the order-r subgroup");
  return Result::ok(p);
}

std::vector<G2Affine> batch_normalize(std::span<const G2> points) {
  return detail::batch_normalize_points<G2>(points);
}

G2Affine psi(const G2Affine& q) {
  if (q.infinity) return q;
  const PsiConstants& k = psi_constants();
  return G2Affine{conj(q.x) * k.gamma_x, conj(q.y) * k.gamma_y, false};
}

G2 psi(const G2& q) {
  const PsiConstants& k = psi_constants();
  return G2::from_coordinates(conj(q.x()) * k.gamma_x, conj(q.y()) * k.gamma_y, conj(q.z()));
}

}  // namespace rill
