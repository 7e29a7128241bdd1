#include "rill/pcs/opening.hpp"

#include <gtest/gtest.h>

#include <random>

#include "rill/pcs/matrix_providers.hpp"
#include "rill/pcs/test_support.hpp"

namespace rill {
namespace {

struct Opened {
  DoryCommitment com;
  DoryProof proof;
};

Opened commit_and_prove(const DorySetup& setup, MatrixShape shape, std::span<const Fr> evals,
                        std::span<const Fr> point, const Fr& value) {
  DenseMatrixProvider provider(evals, shape);
  Opened out{provider.commit(setup), {}};
  Transcript t("dory-test");
  out.proof = prove_dory_opening(setup, shape, out.com.commitment, point, value,
                                 out.com.row_commitments, provider, t);
  return out;
}

DoryVerifyResult verify(const DorySetup& setup, MatrixShape shape, const GT& com,
                        std::span<const Fr> point, const Fr& value, const DoryProof& proof) {
  Transcript t("dory-test");
  return verify_dory_opening(setup.verifier(), shape, com, point, value, proof, t);
}

TEST(DoryOpening, DenseCompletenessEverySmallSize) {
  const DorySetup& setup = test::shared_setup(12);
  std::mt19937_64 rng(1);
  for (unsigned n = 0; n <= 12; ++n) {
    const MatrixShape shape = MatrixShape::balanced(n);
    std::vector<Fr> evals(std::size_t{1} << n);
    for (Fr& e : evals) e = Fr::random(rng);
    const std::vector<Fr> point = test::random_point(rng, n);
    const Fr value = test::reference_eval(evals, point);
    const Opened o = commit_and_prove(setup, shape, evals, point, value);
    EXPECT_EQ(o.proof.first.size(), shape.rounds());
    const DoryVerifyResult r = verify(setup, shape, o.com.commitment, point, value, o.proof);
    EXPECT_TRUE(r.ok) << "n = " << n << ": " << r.reason;
    EXPECT_FALSE(verify(setup, shape, o.com.commitment, point, value + Fr::one(), o.proof).ok)
        << "n = " << n;
  }
}

// Materializes a CycleMajor one-hot polynomial as its 0/1 evaluations (coefficient k·T + t).
std::vector<Fr> one_hot_evals(std::span<const u32> hot, u32 k_count) {
  std::vector<Fr> evals(hot.size() * k_count, Fr::zero());
  for (std::size_t t = 0; t < hot.size(); ++t) {
    if (hot[t] != kNoHotAddress) evals[hot[t] * hot.size() + t] = Fr::one();
  }
  return evals;
}

TEST(DoryOpening, SmallIntCompletenessMidSizes) {
  const DorySetup& setup = test::shared_setup(20);
  std::mt19937_64 rng(2);
  for (unsigned n : {13u, 14u, 15u}) {
    const MatrixShape shape = MatrixShape::balanced(n);
    std::vector<i64> ints(std::size_t{1} << n);
    std::vector<Fr> evals(ints.size());
    for (std::size_t i = 0; i < ints.size(); ++i) {
      ints[i] = static_cast<i64>(rng() % 2000001) - 1000000;
      evals[i] = Fr::from_i64(ints[i]);
    }
    const std::vector<Fr> point = test::random_point(rng, n);
    const Fr value = test::reference_eval(evals, point);
    SmallIntMatrixProvider provider(ints, shape);
    const DoryCommitment com = provider.commit(setup);
    Transcript tp("dory-test");
    const DoryProof proof = prove_dory_opening(setup, shape, com.commitment, point, value,
                                               com.row_commitments, provider, tp);
    const DoryVerifyResult r = verify(setup, shape, com.commitment, point, value, proof);
    EXPECT_TRUE(r.ok) << "n = " << n << ": " << r.reason;
  }
}

// One-hot polynomials (K = 16 addresses, CycleMajor, some cycles without a 1) for every n from 8
// (the first with T ≥ 2^σ) to 20, against the dense evaluation of the materialized 0/1 matrix.
void check_one_hot_sizes(unsigned first_n, unsigned last_n) {
  const DorySetup& setup = test::shared_setup(20);
  std::mt19937_64 rng(3 + first_n);
  constexpr u32 kAddresses = 16;
  for (unsigned n = first_n; n <= last_n; ++n) {
    const MatrixShape shape = MatrixShape::balanced(n);
    std::vector<u32> hot((std::size_t{1} << n) / kAddresses);
    for (u32& k : hot) k = (rng() % 8 == 0) ? kNoHotAddress : static_cast<u32>(rng() % kAddresses);
    const std::vector<Fr> point = test::random_point(rng, n);
    const Fr value = test::reference_eval(one_hot_evals(hot, kAddresses), point);
    OneHotMatrixProvider provider(hot, kAddresses, shape);
    const DoryCommitment com = provider.commit(setup);
    Transcript tp("dory-test");
    const DoryProof proof = prove_dory_opening(setup, shape, com.commitment, point, value,
                                               com.row_commitments, provider, tp);
    const DoryVerifyResult r = verify(setup, shape, com.commitment, point, value, proof);
    EXPECT_TRUE(r.ok) << "n = " << n << ": " << r.reason;
  }
}

TEST(DoryOpening, OneHotCompletenessEightToSixteen) { check_one_hot_sizes(8, 16); }
TEST(DoryOpening, OneHotCompletenessSeventeenToNineteen) { check_one_hot_sizes(17, 19); }
TEST(DoryOpening, OneHotCompletenessTwenty) { check_one_hot_sizes(20, 20); }

// The zero polynomial: identity rows, v = 0, E1 = O; MSMs, pairings and the encoding must all
// take points at infinity.
TEST(DoryOpening, ZeroPolynomialOpensAndRoundTrips) {
  const DorySetup& setup = test::shared_setup(12);
  std::mt19937_64 rng(5);
  for (unsigned n : {0u, 5u}) {
    const MatrixShape shape = MatrixShape::balanced(n);
    const std::vector<Fr> zeros(std::size_t{1} << n, Fr::zero());
    const std::vector<Fr> point = test::random_point(rng, n);
    const Opened o = commit_and_prove(setup, shape, zeros, point, Fr::zero());
    EXPECT_TRUE(o.proof.vmv_e1.infinity);
    const auto decoded = decode_dory_proof(encode_dory_proof(o.proof), shape.rounds());
    ASSERT_TRUE(decoded.has_value()) << decoded.error;
    EXPECT_TRUE(verify(setup, shape, o.com.commitment, point, Fr::zero(), *decoded).ok) << n;
    EXPECT_FALSE(verify(setup, shape, o.com.commitment, point, Fr::one(), *decoded).ok) << n;
  }
}

class DorySoundness : public ::testing::Test {
 protected:
  static constexpr unsigned kN = 7;  // odd: ν = 3, σ = 4 exercises the padded rows
  void SetUp() override {
    std::mt19937_64 rng(4);
    evals_.resize(std::size_t{1} << kN);
    for (Fr& e : evals_) e = Fr::random(rng);
    point_ = test::random_point(rng, kN);
    value_ = test::reference_eval(evals_, point_);
    opened_ = commit_and_prove(setup(), shape_, evals_, point_, value_);
    ASSERT_TRUE(check(opened_.com.commitment, point_, value_, opened_.proof).ok);
  }
  static const DorySetup& setup() { return test::shared_setup(12); }
  DoryVerifyResult check(const GT& com, std::span<const Fr> point, const Fr& value,
                         const DoryProof& proof) const {
    return verify(setup(), shape_, com, point, value, proof);
  }
  void expect_rejected(const DoryProof& proof, const char* what) const {
    const DoryVerifyResult r = check(opened_.com.commitment, point_, value_, proof);
    EXPECT_FALSE(r.ok) << what;
    EXPECT_FALSE(r.reason.empty()) << what;
  }

  MatrixShape shape_ = MatrixShape::balanced(kN);
  std::vector<Fr> evals_, point_;
  Fr value_;
  Opened opened_;
};

TEST_F(DorySoundness, WrongValueIsRejected) {
  const DoryVerifyResult r =
      check(opened_.com.commitment, point_, value_ + Fr::one(), opened_.proof);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.reason, "final pairing check failed");
}

TEST_F(DorySoundness, WrongPointIsRejected) {
  for (std::size_t i = 0; i < point_.size(); ++i) {  // a row and a column coordinate alike
    std::vector<Fr> other = point_;
    other[i] += Fr::one();
    EXPECT_FALSE(check(opened_.com.commitment, other, value_, opened_.proof).ok) << i;
  }
}

TEST_F(DorySoundness, OtherPolynomialsCommitmentIsRejected) {
  std::vector<Fr> other = evals_;
  other[5] += Fr::one();
  const DoryCommitment com = commit_dense(setup(), shape_, other);
  EXPECT_FALSE(check(com.commitment, point_, value_, opened_.proof).ok);
}

TEST_F(DorySoundness, TamperedElementsAreRejected) {
  const GT bump = opened_.proof.vmv_c;  // any GT element other than 1
  const G1Affine g1 = G1Affine::generator();
  const G2Affine g2 = G2Affine::generator();
  auto tampered = [&](auto&& edit, const char* what) {
    DoryProof p = opened_.proof;
    edit(p);
    expect_rejected(p, what);
  };
  tampered([&](DoryProof& p) { p.vmv_c = p.vmv_c * bump; }, "vmv_c");
  tampered([&](DoryProof& p) { p.vmv_d2 = p.vmv_d2 * bump; }, "vmv_d2");
  tampered(
      [&](DoryProof& p) {
        p.vmv_e1 = (G1::from_affine(p.vmv_e1) + G1::from_affine(g1)).to_affine();
      },
      "vmv_e1");
  for (std::size_t i = 0; i < opened_.proof.first.size(); ++i) {
    tampered([&](DoryProof& p) { p.first[i].d1_left = p.first[i].d1_left * bump; }, "d1_left");
    tampered([&](DoryProof& p) { p.first[i].d2_right = p.first[i].d2_right * bump; }, "d2_right");
    tampered(
        [&](DoryProof& p) {
          p.first[i].e2_beta =
              (G2::from_affine(p.first[i].e2_beta) + G2::from_affine(g2)).to_affine();
        },
        "e2_beta");
    tampered([&](DoryProof& p) { p.second[i].c_minus = p.second[i].c_minus * bump; }, "c_minus");
    tampered(
        [&](DoryProof& p) {
          p.second[i].e1_plus =
              (G1::from_affine(p.second[i].e1_plus) + G1::from_affine(g1)).to_affine();
        },
        "e1_plus");
  }
  tampered(
      [&](DoryProof& p) {
        p.final_e1 = (G1::from_affine(p.final_e1) + G1::from_affine(g1)).to_affine();
      },
      "final_e1");
  tampered(
      [&](DoryProof& p) {
        p.final_e2 = (G2::from_affine(p.final_e2) + G2::from_affine(g2)).to_affine();
      },
      "final_e2");
}

TEST_F(DorySoundness, TruncatedProofIsRejected) {
  DoryProof p = opened_.proof;
  p.first.pop_back();
  p.second.pop_back();
  EXPECT_EQ(check(opened_.com.commitment, point_, value_, p).reason,
            "proof has the wrong number of rounds");
  // And as bytes: the decoder rejects a short encoding before the verifier runs.
  std::vector<u8> bytes = encode_dory_proof(opened_.proof);
  bytes.pop_back();
  const auto decoded = decode_dory_proof(bytes, shape_.rounds());
  EXPECT_FALSE(decoded.has_value());
  EXPECT_FALSE(decoded.error.empty());
}

TEST_F(DorySoundness, PointsOffTheCurveOrSubgroupAreRejected) {
  DoryProof p = opened_.proof;
  p.second[0].e1_minus.y += Fq::one();
  EXPECT_EQ(check(opened_.com.commitment, point_, value_, p).reason,
            "a G1 element is not on the curve");
  // A twist point outside the order-r subgroup: the first x = i with x³ + b a square.
  G2Affine outside;
  for (u64 i = 1;; ++i) {
    const Fq2 x{Fq::from_u64(i), Fq::zero()};
    if (auto y = (x.square() * x + G2CurveParams::b()).sqrt()) {
      outside = G2Affine{x, *y, false};
      break;
    }
  }
  ASSERT_TRUE(outside.is_on_curve());
  ASSERT_FALSE(outside.in_subgroup());
  p = opened_.proof;
  p.final_e2 = outside;
  EXPECT_EQ(check(opened_.com.commitment, point_, value_, p).reason,
            "a G2 element is not in the subgroup");
}

TEST_F(DorySoundness, ShapeComesFromTheLayoutNotTheProof) {
  // The same 2^7 coefficients read as a 2^2 × 2^5 matrix: the verifier's shape needs 5 rounds.
  Transcript t("dory-test");
  const DoryVerifyResult r =
      verify_dory_opening(setup().verifier(), MatrixShape{2, 5}, opened_.com.commitment, point_,
                          value_, opened_.proof, t);
  EXPECT_FALSE(r.ok);
}

TEST_F(DorySoundness, SerializedProofRoundTripsAndVerifies) {
  const std::vector<u8> bytes = encode_dory_proof(opened_.proof);
  EXPECT_EQ(bytes.size(), dory_proof_bytes(shape_.rounds()));
  // header 5, VMV 2 GT + 1 G1, per round 6 GT + 3 G1 + 3 G2, final G1 + G2 (proof.hpp).
  EXPECT_EQ(bytes.size(),
            5u + 2 * 384 + 64 + shape_.rounds() * (6 * 384 + 3 * 64 + 3 * 128) + 64 + 128);
  const auto decoded = decode_dory_proof(bytes, shape_.rounds());
  ASSERT_TRUE(decoded.has_value()) << decoded.error;
  EXPECT_TRUE(*decoded == opened_.proof);
  EXPECT_TRUE(check(opened_.com.commitment, point_, value_, *decoded).ok);
}

}  // namespace
}  // namespace rill
