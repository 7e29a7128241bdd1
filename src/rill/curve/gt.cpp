#include "rill/curve/gt.hpp"

#include "rill/curve/bn254_constants.hpp"
#include "rill/curve/encoding.hpp"
#include "rill/curve/wnaf.hpp"

namespace rill {
namespace detail {

Fq12 conjugate(const Fq12& f) {
  Fq12 r = f;
  r.c1 = -r.c1;
  return r;
}

// Width-5 NAF (wnaf.hpp): the odd powers f, f³, …, f¹⁵, one cyclotomic squaring per digit and
// a multiplication by f^d or its conjugate f^−d per nonzero digit.
Fq12 cyclotomic_pow(const Fq12& f, std::span<const u64> k) {
  constexpr unsigned kWidth = 5;
  std::array<Fq12, 8> odd;  // odd[i] = f^(2i + 1)
  odd[0] = f;
  const Fq12 f2 = f.cyclotomic_square();
  for (std::size_t i = 1; i < odd.size(); ++i) odd[i] = odd[i - 1] * f2;
  const std::vector<i8> digits = wnaf_digits(k, kWidth);
  if (digits.empty()) return Fq12::one();
  Fq12 acc = odd[digits.back() / 2];  // the top digit is positive
  for (std::size_t i = digits.size() - 1; i-- > 0;) {
    acc = acc.cyclotomic_square();
    if (digits[i] > 0) acc = acc * odd[digits[i] / 2];
    if (digits[i] < 0) acc = acc * conjugate(odd[-digits[i] / 2]);
  }
  return acc;
}

// Two steps, each far cheaper than v^r = 1 with a generic 254-bit power:
// 1. v lies in the cyclotomic subgroup GΦ12 = {v : v^(p⁴ − p² + 1) = 1} iff v^(p⁴)·v = v^(p²)
//    (two Frobenius maps); only there is cyclotomic squaring valid.
// 2. Inside GΦ12, for BN curves with u ≢ 4 (mod 13) and u ≢ 92 (mod 97) (true for BN254), v has
//    order r iff v^(u+1) · (v^u)^p · (v^u)^(p²) = (v^(2u))^(p³) (Dai, Lin, Zhao, Zhou, ePrint
//    2022/348, the GT analogue of the G2 test in g2.cpp): one 63-bit cyclotomic power.
// Tests compare it with v^r = 1.
bool in_gt(const Fq12& v) {
  if (v.is_zero()) return false;
  if (!(v.frobenius_map(4) * v == v.frobenius_map(2))) return false;
  const std::array<u64, 1> u = {kBnU};
  const Fq12 vu = cyclotomic_pow(v, u);
  const Fq12 lhs = vu * v * vu.frobenius_map(1) * vu.frobenius_map(2);
  return lhs == vu.cyclotomic_square().frobenius_map(3);
}

}  // namespace detail

GT GT::inverse() const { return GT(detail::conjugate(value_)); }
GT GT::square() const { return GT(value_.cyclotomic_square()); }
GT GT::pow(const Fr& k) const {
  const std::array<u64, 4> limbs = k.to_limbs();
  return pow_limbs(limbs);
}
GT GT::pow_limbs(std::span<const u64> k) const { return GT(detail::cyclotomic_pow(value_, k)); }

namespace {

// The 12 Fq coefficients of an Fq12 in encoding order.
template <class Fn>
void for_each_coefficient(Fq12& v, Fn&& fn) {
  std::size_t i = 0;
  for (Fq6* c6 : {&v.c0, &v.c1}) {
    for (Fq2* c2 : {&c6->c0, &c6->c1, &c6->c2}) {
      fn(i++, c2->c0);
      fn(i++, c2->c1);
    }
  }
}

}  // namespace

std::array<u8, 384> GT::to_bytes() const {
  std::array<u8, 384> out{};
  Fq12 v = value_;
  for_each_coefficient(v, [&](std::size_t i, Fq& c) {
    detail::write_fq(std::span<u8>(out).subspan(32 * i, 32), c);
  });
  return out;
}

DecodeResult<GT> GT::from_bytes(std::span<const u8> bytes) {
  using Result = DecodeResult<GT>;
  if (bytes.size() != 384) return Result::fail("GT encoding must be 384 bytes");
  Fq12 v = Fq12::zero();
  bool canonical = true;
  for_each_coefficient(v, [&](std::size_t i, Fq& c) {
    const std::optional<Fq> coeff = detail::read_fq(bytes.subspan(32 * i, 32));
    if (coeff) {
      c = *coeff;
    } else {
      canonical = false;
    }
  });
  if (!canonical) return Result::fail("GT coefficient is not canonical (>= p)");
  if (!detail::in_gt(v)) return Result::fail("GT element is not in the order-r subgroup");
  return Result::ok(GT(v));
}

}  // namespace rill
