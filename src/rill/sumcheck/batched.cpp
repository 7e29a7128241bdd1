#include "rill/sumcheck/batched.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "rill/util/check.hpp"

namespace rill {

namespace {

thread_local unsigned self_check_off_depth = 0;

std::string instance_label(const BatchLabels& labels, std::size_t i) {
  if (i < labels.instances.size() && !labels.instances[i].empty())
    return std::string(labels.instances[i]);
  return fmt::format("instance #{}", i);
}

unsigned max_rounds_of(std::span<const BatchItem> items) {
  unsigned n = 0;
  for (const auto& it : items) n = std::max(n, it.round_offset + it.instance->num_rounds());
  return n;
}

// 2^k as a field element.
Fr pow2(unsigned k) {
  Fr x = Fr::one();
  for (unsigned i = 0; i < k; ++i) x += x;
  return x;
}

}  // namespace

std::vector<BatchItem> back_aligned(std::span<SumcheckInstance* const> instances) {
  unsigned n = 0;
  for (auto* inst : instances) n = std::max(n, inst->num_rounds());
  std::vector<BatchItem> items;
  for (auto* inst : instances) items.push_back({inst, n - inst->num_rounds()});
  return items;
}

std::vector<VerifierItem> back_aligned(std::span<const SumcheckVerifierInstance* const> instances) {
  unsigned n = 0;
  for (auto* inst : instances) n = std::max(n, inst->num_rounds());
  std::vector<VerifierItem> items;
  for (auto* inst : instances) items.push_back({inst, n - inst->num_rounds()});
  return items;
}

ScopedSelfCheckOff::ScopedSelfCheckOff() { ++self_check_off_depth; }
ScopedSelfCheckOff::~ScopedSelfCheckOff() { --self_check_off_depth; }
bool self_check_enabled() { return self_check_off_depth == 0; }

namespace {

// p at declared degree d: the coefficients above d must be zero (an instance that declared a
// higher degree than the round's, with a polynomial of the round's degree).
UniPoly truncated_to(const UniPoly& p, unsigned d) {
  std::vector<Fr> c = p.coeffs();
  RILL_CHECK(d >= 1, "round polynomials must have degree >= 1");
  for (std::size_t i = d + 1; i < c.size(); ++i)
    RILL_CHECK(c[i].is_zero(), "a round polynomial above the round's degree");
  c.resize(d + 1, Fr::zero());
  return UniPoly(std::move(c));
}

}  // namespace

BatchedProverOutput prove_batched(std::span<const BatchItem> items, Transcript& transcript,
                                  RoundHook* hook, const BatchLabels& labels,
                                  std::span<const unsigned> round_degrees) {
  const bool self_check = self_check_enabled();
  RILL_CHECK(!items.empty(), "empty sumcheck batch");
  const unsigned total_rounds = max_rounds_of(items);
  unsigned degree = 0;
  for (const auto& it : items) {
    transcript.append_scalar(kSumcheckClaimLabel, it.instance->input_claim());
    degree = std::max(degree, it.instance->degree());
  }
  RILL_CHECK(degree >= 1, "round polynomials must have degree >= 1");
  RILL_CHECK(round_degrees.empty() || round_degrees.size() == total_rounds, "one degree per round");
  const std::vector<Fr> alpha = transcript.challenge_scalars(items.size());

  // own_claim[i]: instance i's running claim in its own terms; scaled[i]: its share of the
  // batched claim before α (own claim times 2^{rounds it still has to sit out}).
  std::vector<Fr> own_claim(items.size());
  std::vector<Fr> scaled(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    own_claim[i] = items[i].instance->input_claim();
    scaled[i] = own_claim[i] * pow2(total_rounds - items[i].instance->num_rounds());
  }
  const Fr half = Fr::from_u64(2).inverse();

  BatchedProverOutput out;
  for (unsigned round = 0; round < total_rounds; ++round) {
    if (hook != nullptr) hook->before_round(round);
    auto active = [&](std::size_t i) {
      return round >= items[i].round_offset &&
             round < items[i].round_offset + items[i].instance->num_rounds();
    };
    auto trailing = [&](std::size_t i) {
      return total_rounds - items[i].round_offset - items[i].instance->num_rounds();
    };
    UniPoly batched(std::vector<Fr>(degree + 1, Fr::zero()));
    std::vector<UniPoly> own(items.size());  // h_i of the active instances
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (active(i)) {
        own[i] = items[i].instance->round_poly(round - items[i].round_offset, own_claim[i]);
        RILL_CHECK(own[i].degree() <= degree, "instance round polynomial above its degree");
        if (self_check) {
          const unsigned local = round - items[i].round_offset;
          RILL_CHECK(own[i].sum_over_boolean() == own_claim[i],
                     fmt::format("prover self-check failed: {}, {}, round {} (global round {}): "
                                 "h(0) + h(1) differs from the running claim",
                                 labels.stage.empty() ? "unnamed stage" : labels.stage,
                                 instance_label(labels, i), local, round));
        }
        batched.add_scaled(alpha[i] * pow2(trailing(i)), own[i]);
      } else {
        batched.add_scaled(alpha[i] * half, UniPoly(std::vector<Fr>{scaled[i]}));
      }
    }
    if (!round_degrees.empty()) batched = truncated_to(batched, round_degrees[round]);
    const CompressedUniPoly compressed = batched.compress();
    transcript.append_scalars(kSumcheckPolyLabel, compressed.coeffs_except_linear());
    const Fr r = transcript.challenge_scalar();
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (active(i)) {
        own_claim[i] = own[i].evaluate(r);
        scaled[i] = own_claim[i] * pow2(trailing(i));
        items[i].instance->bind(round - items[i].round_offset, r);
      } else {
        scaled[i] *= half;
      }
    }
    out.proof.round_polys.push_back(compressed);
    out.challenges.push_back(r);
  }
  return out;
}

std::string_view to_string(SumcheckFailure failure) {
  switch (failure) {
    case SumcheckFailure::kEmptyBatch:
      return "empty sumcheck batch";
    case SumcheckFailure::kBadAlignment:
      return "instance rounds do not fit the batch";
    case SumcheckFailure::kRoundCountMismatch:
      return "wrong number of sumcheck rounds";
    case SumcheckFailure::kDegreeMismatch:
      return "round polynomial has the wrong degree";
    case SumcheckFailure::kFinalClaimMismatch:
      return "final sumcheck claim does not match the instances' outputs";
  }
  return "unknown sumcheck failure";
}

SumcheckVerification verify_batched(std::span<const VerifierItem> items,
                                    const BatchedSumcheckProof& proof, Transcript& transcript,
                                    std::span<const unsigned> round_degrees) {
  SumcheckVerification result;
  if (items.empty()) {
    result.failure = SumcheckFailure::kEmptyBatch;
    return result;
  }
  unsigned total_rounds = 0;
  unsigned degree = 0;
  for (const auto& it : items) {
    total_rounds = std::max(total_rounds, it.round_offset + it.instance->num_rounds());
    degree = std::max(degree, it.instance->degree());
  }
  for (const auto& it : items) {
    if (it.instance->num_rounds() == 0) result.failure = SumcheckFailure::kBadAlignment;
  }
  if (degree == 0) result.failure = SumcheckFailure::kDegreeMismatch;
  if (proof.round_polys.size() != total_rounds)
    result.failure = SumcheckFailure::kRoundCountMismatch;
  if (!round_degrees.empty() && round_degrees.size() != total_rounds)
    result.failure = SumcheckFailure::kRoundCountMismatch;
  for (std::size_t g = 0; g < proof.round_polys.size() && !result.failure; ++g) {
    const unsigned want = round_degrees.empty() ? degree : round_degrees[g];
    if (want == 0 || proof.round_polys[g].degree() != want)
      result.failure = SumcheckFailure::kDegreeMismatch;
  }
  if (result.failure) return result;

  for (const auto& it : items)
    transcript.append_scalar(kSumcheckClaimLabel, it.instance->input_claim());
  const std::vector<Fr> alpha = transcript.challenge_scalars(items.size());
  Fr claim = Fr::zero();
  for (std::size_t i = 0; i < items.size(); ++i) {
    Fr c = items[i].instance->input_claim();
    for (unsigned k = items[i].instance->num_rounds(); k < total_rounds; ++k) c += c;
    claim += alpha[i] * c;
  }
  for (const auto& compressed : proof.round_polys) {
    const UniPoly h = compressed.decompress(claim);
    transcript.append_scalars(kSumcheckPolyLabel, compressed.coeffs_except_linear());
    const Fr r = transcript.challenge_scalar();
    claim = h.evaluate(r);
    result.challenges.push_back(r);
  }
  Fr expected = Fr::zero();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    const std::span<const Fr> slice(result.challenges.data() + it.round_offset,
                                    it.instance->num_rounds());
    expected += alpha[i] * it.instance->expected_output(slice);
  }
  if (expected != claim) result.failure = SumcheckFailure::kFinalClaimMismatch;
  return result;
}

}  // namespace rill
