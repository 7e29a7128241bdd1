#include "rill/zkvm/stages/stage_proof.hpp"

#include <fmt/format.h>

#include "rill/util/check.hpp"

namespace rill::zkvm {

namespace {

void write_field(ByteWriter& w, const Fr& x) { w.bytes(x.to_bytes()); }

Fr read_field(ByteReader& r, const char* what) {
  const auto b = r.bytes(32, what);
  if (!r.ok()) return Fr::zero();
  const auto x = Fr::from_bytes(b);
  if (!x) r.fail(fmt::format("non-canonical field element in {}", what));
  return x.value_or(Fr::zero());
}

u8 stage_tag(StageId id) { return static_cast<u8>(static_cast<unsigned>(id) + 1); }

}  // namespace

bool StageProof::operator==(const StageProof& other) const {
  if (id != other.id || claims != other.claims) return false;
  if (sumcheck.round_polys.size() != other.sumcheck.round_polys.size()) return false;
  for (std::size_t g = 0; g < sumcheck.round_polys.size(); ++g)
    if (sumcheck.round_polys[g].coeffs_except_linear() !=
        other.sumcheck.round_polys[g].coeffs_except_linear())
      return false;
  return true;
}

void write_stage_proof(ByteWriter& w, const StageProof& proof, const ProtocolShape& shape) {
  const StageSpec spec = stage_spec(proof.id, shape);
  const std::vector<unsigned> degrees = spec.round_degrees();
  RILL_CHECK_EQ(proof.sumcheck.round_polys.size(), degrees.size(), "round count of the table");
  RILL_CHECK_EQ(proof.claims.size(), new_output_claims(proof.id, shape).size(),
                "claim count of the table");
  w.uint(stage_tag(proof.id), 1);
  for (std::size_t g = 0; g < degrees.size(); ++g) {
    const CompressedUniPoly& p = proof.sumcheck.round_polys[g];
    RILL_CHECK(p.degree() == degrees[g],
               fmt::format("{} round {}: round polynomial of degree {}, the table's is {}",
                           stage_name(proof.id), g, p.degree(), degrees[g]));
    for (const Fr& c : p.coeffs_except_linear()) write_field(w, c);
  }
  for (const Fr& c : proof.claims) write_field(w, c);
}

StageProof read_stage_proof(ByteReader& r, StageId id, const ProtocolShape& shape) {
  StageProof proof;
  proof.id = id;
  const std::string name(stage_name(id));
  const u64 tag = r.uint(1, "stage tag");
  if (r.ok() && tag != stage_tag(id)) r.fail(fmt::format("expected the {} section", name));
  const StageSpec spec = stage_spec(id, shape);
  const std::string rounds_what = name + " round polynomial";
  for (const unsigned degree : spec.round_degrees()) {
    if (!r.ok()) break;
    std::vector<Fr> coeffs;
    for (unsigned k = 0; k < degree && r.ok(); ++k)
      coeffs.push_back(read_field(r, rounds_what.c_str()));
    proof.sumcheck.round_polys.emplace_back(std::move(coeffs));
  }
  const std::string claims_what = name + " claims";
  const std::size_t claims = new_output_claims(id, shape).size();
  for (std::size_t i = 0; i < claims && r.ok(); ++i)
    proof.claims.push_back(read_field(r, claims_what.c_str()));
  return proof;
}

std::size_t stage_proof_bytes(StageId id, const ProtocolShape& shape) {
  std::size_t elements = new_output_claims(id, shape).size();
  for (const unsigned d : stage_spec(id, shape).round_degrees()) elements += d;
  return 1 + 32 * elements;
}

const std::vector<Fr>& StageChallenges::operator[](std::string_view name) const {
  const auto it = values_.find(name);
  RILL_CHECK(it != values_.end(), "a stage asked for a challenge its table does not draw");
  return it->second;
}

const Fr& StageChallenges::scalar(std::string_view name) const {
  const std::vector<Fr>& v = (*this)[name];
  RILL_CHECK_EQ(v.size(), std::size_t{1}, "a scalar challenge is one draw");
  return v[0];
}

StageChallenges draw_stage_challenges(const StageSpec& spec, Transcript& transcript) {
  StageChallenges c;
  for (const DrawSpec& d : spec.draws) c.set(d.name, transcript.challenge_scalars(d.count));
  return c;
}

void StageClaims::set(const ClaimKey& key, const Fr& value) {
  auto [it, inserted] = values_.emplace(key, value);
  RILL_CHECK(inserted || it->second == value, "a stage evaluated one claim to two values");
}

const Fr& StageClaims::operator[](const ClaimKey& key) const {
  const auto it = values_.find(key);
  RILL_CHECK(it != values_.end(), "a stage did not evaluate one of its output claims");
  return it->second;
}

void set_stage_points(const StageSpec& spec, std::span<const Fr> challenges, PointTable& points) {
  for (const PointSpec& p : spec.points) {
    RILL_CHECK(p.first + p.count <= challenges.size(), "a point beyond the stage's rounds");
    std::vector<Fr> value(challenges.begin() + p.first, challenges.begin() + p.first + p.count);
    if (p.reversed) std::reverse(value.begin(), value.end());
    points.set(p.name, std::move(value));
  }
}

void check_stage_items(const StageSpec& spec, std::span<const BatchItem> items) {
  RILL_CHECK_EQ(items.size(), spec.instances.size(), "one batch item per table instance");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const InstanceSpec& s = spec.instances[i];
    RILL_CHECK_EQ(items[i].round_offset, s.offset, "instance offset differs from the table");
    RILL_CHECK_EQ(items[i].instance->num_rounds(), s.rounds(), "instance rounds differ");
    unsigned degree = 0;
    for (const PhaseSpec& p : s.phases) degree = std::max(degree, p.degree);
    RILL_CHECK_EQ(items[i].instance->degree(), degree, "instance degree differs from the table");
  }
}

StageProof finish_stage(const StageSpec& spec, BatchedProverOutput batch,
                        FunctionRef<void(StageClaims&)> evaluate, Transcript& transcript,
                        OpeningAccumulator& accumulator) {
  set_stage_points(spec, batch.challenges, accumulator.points());
  StageClaims values;
  evaluate(values);
  StageProof proof;
  proof.id = spec.id;
  proof.sumcheck = std::move(batch.proof);
  for (const ClaimKey& key : spec.outputs) {
    const Fr& value = values[key];
    const bool fresh = !accumulator.contains(key);
    RILL_CHECK(accumulator.add_and_absorb(key, value, transcript),
               "a stage emitted a claim that conflicts with an earlier one");
    if (fresh) proof.claims.push_back(value);
  }
  return proof;
}

StageVerification verify_stage(const StageSpec& spec, const StageProof& proof,
                               MakeVerifiers make_verifiers, Transcript& transcript,
                               OpeningAccumulator& accumulator) {
  StageVerification result;
  const std::string name(stage_name(spec.id));
  for (const ClaimKey& key : spec.inputs()) {
    const ClaimLookup found = accumulator.find(key);
    if (!found.ok()) {
      result.failure = fmt::format("{}: input {}", name, found.error);
      return result;
    }
  }
  // The output claims: new ones from the proof in schedule order, repeats from the accumulator.
  StageClaims claims;
  std::size_t next = 0;
  for (const ClaimKey& key : spec.outputs) {
    if (claims.contains(key)) continue;
    const ClaimLookup earlier = accumulator.find(key);
    if (earlier.ok()) {
      claims.set(key, *earlier.value);
    } else {
      if (next >= proof.claims.size()) {
        result.failure = fmt::format("{}: the proof has too few claims", name);
        return result;
      }
      claims.set(key, proof.claims[next++]);
    }
  }
  if (next != proof.claims.size()) {
    result.failure = fmt::format("{}: the proof has {} claims, the stage emits {}", name,
                                 proof.claims.size(), next);
    return result;
  }
  const StageChallenges challenges = draw_stage_challenges(spec, transcript);
  const VerifierInstances instances = make_verifiers(challenges, claims, accumulator);
  RILL_CHECK_EQ(instances.size(), spec.instances.size(), "one verifier per table instance");
  std::vector<VerifierItem> items;
  for (std::size_t i = 0; i < instances.size(); ++i) {
    RILL_CHECK_EQ(instances[i]->num_rounds(), spec.instances[i].rounds(), "verifier rounds");
    items.push_back({instances[i].get(), spec.instances[i].offset});
  }
  const std::vector<unsigned> degrees = spec.round_degrees();
  const SumcheckVerification sumcheck = verify_batched(items, proof.sumcheck, transcript, degrees);
  if (!sumcheck.ok()) {
    result.failure = fmt::format("{} sumcheck: {}", name, to_string(*sumcheck.failure));
    return result;
  }
  set_stage_points(spec, sumcheck.challenges, accumulator.points());
  for (const ClaimKey& key : spec.outputs) {
    if (!accumulator.add_and_absorb(key, claims[key], transcript)) {
      result.failure =
          fmt::format("{}: claim on {} conflicts with an earlier claim", name, claim_name(key));
      return result;
    }
  }
  return result;
}

}  // namespace rill::zkvm
