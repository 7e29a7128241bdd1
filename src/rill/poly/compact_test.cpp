#include "rill/poly/compact.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>

#include "rill/poly/one_hot.hpp"
#include "rill/poly/test_util.hpp"

namespace rill {
namespace {

using testing::random_vector;

// std::is_signed_v and std::numeric_limits do not cover the 128-bit types in strict C++20 mode.
template <class T>
constexpr bool kSigned = std::is_same_v<T, i128> || std::is_signed_v<T>;

template <class T>
T max_of() {
  if constexpr (std::is_same_v<T, u128>)
    return ~u128{0};
  else if constexpr (std::is_same_v<T, i128>)
    return static_cast<i128>(~u128{0} >> 1);
  else
    return std::numeric_limits<T>::max();
}

template <class T>
T min_of() {
  if constexpr (std::is_same_v<T, u128>)
    return 0;
  else if constexpr (std::is_same_v<T, i128>)
    return -max_of<i128>() - 1;
  else
    return std::numeric_limits<T>::min();
}

template <class T>
void check_against_dense(std::mt19937_64& rng, tracked_vector<T> coeffs) {
  SCOPED_TRACE(::testing::internal::GetTypeName<T>());
  const CompactPoly<T> p(coeffs);
  // The reference: each coefficient mapped to Fr by hand (sign handled explicitly).
  tracked_vector<Fr> field;
  for (T c : coeffs) {
    if constexpr (kSigned<T>) {
      const bool neg = c < 0;
      const u128 mag =
          neg ? static_cast<u128>(-(static_cast<i128>(c) + 1)) + 1 : static_cast<u128>(c);
      const Fr m = Fr::from_u128(mag);
      field.push_back(neg ? Fr::zero() - m : m);
    } else {
      field.push_back(Fr::from_u128(static_cast<u128>(c)));
    }
  }
  const DensePoly dense{tracked_vector<Fr>(field)};
  const unsigned n = p.num_vars();
  const std::vector<Fr> point = random_vector(rng, n);
  EXPECT_EQ(p.evaluate(point), dense.evaluate(point));
  const Fr r = Fr::random(rng);
  DensePoly low{tracked_vector<Fr>(field)}, high{tracked_vector<Fr>(field)};
  low.bind_low(r);
  high.bind_high(r);
  const DensePoly bl = p.bind_low(r), bh = p.bind_high(r);
  EXPECT_TRUE(std::equal(bl.evals().begin(), bl.evals().end(), low.evals().begin()));
  EXPECT_TRUE(std::equal(bh.evals().begin(), bh.evals().end(), high.evals().begin()));
  const DensePoly as_dense = p.to_dense();
  EXPECT_TRUE(std::equal(as_dense.evals().begin(), as_dense.evals().end(), dense.evals().begin()));
}

TEST(CompactPoly, EveryIntegerTypeMatchesItsDenseFieldImage) {
  std::mt19937_64 rng(30);
  auto fill = [&](auto zero) {
    using T = decltype(zero);
    tracked_vector<T> v;
    for (int i = 0; i < 32; ++i) {
      u128 bits = (static_cast<u128>(rng()) << 64) | rng();
      T x = static_cast<T>(bits);
      if (i % 5 == 0) x = T{0};
      if (i % 7 == 0 && i > 0) x = v.back();  // equal neighbours
      v.push_back(x);
    }
    v[3] = max_of<T>();
    v[4] = min_of<T>();
    check_against_dense(rng, v);
  };
  fill(u8{});
  fill(u16{});
  fill(u32{});
  fill(u64{});
  fill(u128{});
  fill(i8{});
  fill(i16{});
  fill(i32{});
  fill(i64{});
  fill(i128{});
}

TEST(OneHotPoly, MatchesDenseTableIncludingNoAccessColumns) {
  std::mt19937_64 rng(31);
  const unsigned log_k = 3, log_t = 4;
  tracked_vector<u32> idx;
  for (unsigned j = 0; j < (1u << log_t); ++j)
    idx.push_back(j % 5 == 2 ? OneHotPoly::kNoAccess : static_cast<u32>(rng() % 8));
  const OneHotPoly ra(log_k, idx);
  const DensePoly dense = ra.to_dense();
  EXPECT_EQ(ra.num_vars(), 7u);
  for (unsigned k = 0; k < 8; ++k)
    for (unsigned j = 0; j < 16; ++j) {
      const bool hot = idx[j] == k;
      EXPECT_EQ(dense[k * 16 + j], hot ? Fr::one() : Fr::zero());
      EXPECT_EQ(ra.at(k, j), hot ? Fr::one() : Fr::zero());
    }
  const std::vector<Fr> point = random_vector(rng, 7);  // [r_address ‖ r_cycle]
  EXPECT_EQ(ra.evaluate(point), dense.evaluate(point));
  // Push-forward of eq(r_cycle, ·) then eq(r_address, ·) is the same evaluation.
  const tracked_vector<Fr> g = ra.push_forward(eq_table(std::span<const Fr>(point).last(4)));
  Fr sum = Fr::zero();
  for (unsigned k = 0; k < 8; ++k) {
    Fr col = Fr::zero();
    for (unsigned j = 0; j < 16; ++j)
      if (idx[j] == k)
        col += eq_eval(std::span<const Fr>(point).last(4), testing::boolean_point(j, 4));
    EXPECT_EQ(g[k], col);
    sum += g[k] * eq_eval(std::span<const Fr>(point).first(3), testing::boolean_point(k, 3));
  }
  EXPECT_EQ(sum, dense.evaluate(point));
}

}  // namespace
}  // namespace rill
