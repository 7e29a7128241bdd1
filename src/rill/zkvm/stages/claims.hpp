// The claim registry (docs/protocol.md, "Stage table"): a name for every committed and virtual
// polynomial of the RV32IM protocol (reference jolt-protocol.md §1.3–§1.4) and for every
// opening point, so a stage asks for "the claim on RamRa at (r_a^2 ‖ r_c^1)" without carrying
// point bytes around.
//
// A PolyId is a family plus an index: the R1CS input, the flag, the lookup table or the one-hot
// chunk i (chunk 0 most significant, reference §1.3). A ClaimPoint is the concatenation of one
// or two named points (address part first, then cycle part), where an address part may be one
// chunk of a named point: chunk_i(r) left-pads the big-endian point r with zeros to d·w
// coordinates (d = ⌈|r|/w⌉) and takes coordinates [i·w, (i+1)·w) (reference §3 stage 6b).
// Point values are set once, by the stage that produces them (PointTable); a claim asked for at
// a point that has not been produced is an error, never a silent miss.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/util/int.hpp"
#include "rill/zkvm/witness/bytecode_flags.hpp"
#include "rill/zkvm/witness/r1cs_inputs.hpp"

namespace rill::zkvm {

// Families, in a fixed order (protocol-internal, never serialized). "Chunk" families are the
// committed one-hot chunks; kRamRa, kInstructionRaVirtual, … are the virtual whole-address ones.
enum class PolyFamily : u8 {
  // per-cycle virtual polynomials
  kR1csInput,           // index: Input (34)
  kInstructionFlag,     // index: InstructionFlag (6)
  kLookupTableFlag,     // index: lookups::TableKind (26)
  kNextIsNoop,          // single
  kInstructionRafFlag,  // single: 1 iff the lookup is not interleaved
  kRamHammingWeight,    // single: 1 iff the cycle accesses RAM
  // two-dimensional virtual polynomials (address ‖ cycle) and address-only ones
  kRegistersVal,
  kRs1Ra,
  kRs2Ra,
  kRdWa,
  kRamVal,
  kRamValFinal,           // address only
  kRamRa,                 // the whole RAM address (log K_ram variables)
  kInstructionRaVirtual,  // index: virtual chunk v < n_virtual (stage 5 output)
  // intermediate claims of the split sumchecks (stage 6a → 6b, reference §2.3)
  kBytecodeReadRafAddrClaim,
  kBooleanityAddrClaim,
  // committed polynomials
  kRdInc,
  kRamInc,
  kInstructionRaChunk,  // index: chunk i < d_I
  kBytecodeRaChunk,     // index: chunk i < d_B
  kRamRaChunk,          // index: chunk i < d_R
};
inline constexpr unsigned kNumPolyFamilies = static_cast<unsigned>(PolyFamily::kRamRaChunk) + 1;

// Instruction flags (reference §4.3; InstructionFlag in witness/bytecode_flags.hpp) are not
// R1CS inputs: they are proven through the bytecode.
inline constexpr unsigned kNumLookupTables = 26;

struct PolyId {
  PolyFamily family;
  u16 index = 0;
  auto operator<=>(const PolyId&) const = default;
};

constexpr PolyId poly(PolyFamily family, unsigned index = 0) {
  return {family, static_cast<u16>(index)};
}
constexpr PolyId poly(Input input) {
  return {PolyFamily::kR1csInput, static_cast<u16>(index_of(input))};
}
constexpr PolyId poly(InstructionFlag flag) {
  return {PolyFamily::kInstructionFlag, static_cast<u16>(flag)};
}

// Whether the polynomial is committed (opened at stage 8) or virtual (its claims are reduced by
// later sumchecks).
bool is_committed(PolyFamily family);
// How many members a family has: fixed counts, or the chunk counts of the statement.
struct FamilySizes {
  unsigned instruction_chunks = 0;          // d_I
  unsigned bytecode_chunks = 0;             // d_B
  unsigned ram_chunks = 0;                  // d_R
  unsigned instruction_virtual_chunks = 0;  // n_virtual
};
unsigned family_size(PolyFamily family, const FamilySizes& sizes);
// Every polynomial of the protocol for these sizes, in family order.
std::vector<PolyId> all_polys(const FamilySizes& sizes);

// "RamRa", "OpFlags(Load)", "InstructionRa(3)", "LookupTableFlag(And)", … and back.
std::string poly_name(PolyId id);
std::optional<PolyId> parse_poly_name(std::string_view name);

// Named opening points (reference §3 notation). r_c^s: the cycle point of stage s; r_a^s: an
// address point. Twist binds address variables first, so r_c^{2,rw} = r_c^2 and
// r_c^{4'} = r_c^4 (ARCHITECTURE.md §3): one name each.
enum class PointName : u8 {
  kCycle1,  // r_c^1: stage 1 (log T)
  kCycle2,  // r_c^2: stage 2's cycle rounds
  kCycle3,
  kCycle4,
  kCycle5,
  kCycle6,
  kRamAddress2,          // r_a^2: stage 2's address rounds (log K_ram)
  kRegisterAddress4,     // r_a^4: stage 4's address rounds (log K_reg)
  kInstructionAddress5,  // r_a^5: stage 5's address rounds (LOG_K = 64), MSB first
  kBytecodeAddress,      // r_a^bc: stage 6a bytecode read-RAF address rounds (log K_bc)
  kBooleanityAddress,    // r_a^bool: stage 6a booleanity address rounds (log_k_chunk)
  kAddress7,             // r_a^7: stage 7 (log_k_chunk)
};
inline constexpr unsigned kNumPointNames = static_cast<unsigned>(PointName::kAddress7) + 1;
std::string_view point_name(PointName name);

struct PointPart {
  PointName name;
  u8 chunk_width = 0;  // 0: the whole point; else chunk `chunk` of width chunk_width
  u8 chunk = 0;
  auto operator<=>(const PointPart&) const = default;
};

struct ClaimPoint {
  std::array<PointPart, 2> parts{};
  u8 count = 0;
  auto operator<=>(const ClaimPoint&) const = default;
};

// (r), (r_a ‖ r_c), (chunk_i(r_a) ‖ r_c).
ClaimPoint at(PointName p);
ClaimPoint at(PointName address, PointName cycle);
ClaimPoint at_chunk(PointName address, unsigned width, unsigned chunk, PointName cycle);
std::string claim_point_name(const ClaimPoint& point);  // "(r_a^2 ‖ r_c^1)"

// chunk_i(r) of a big-endian point (see the file comment).
std::vector<Fr> point_chunk(std::span<const Fr> point, unsigned width, unsigned chunk);

// The values of the named points produced so far.
class PointTable {
 public:
  // Records a point; setting a name twice is a bug (the stage table names each point once).
  void set(PointName name, std::vector<Fr> value);
  const std::vector<Fr>* find(PointName name) const;
  // The coordinates of a claim point, or nothing if one of its parts is not produced yet.
  std::optional<std::vector<Fr>> resolve(const ClaimPoint& point) const;

 private:
  std::array<std::optional<std::vector<Fr>>, kNumPointNames> points_;
};

}  // namespace rill::zkvm
