#include "rill/zkvm/stages/claims.hpp"

#include <fmt/format.h>

#include "rill/util/check.hpp"
#include "rill/zkvm/lookups/table_kind.hpp"

namespace rill::zkvm {

namespace {

struct FamilyInfo {
  std::string_view name;
  bool committed;
  bool indexed;  // the name carries "(index)"
};

constexpr std::array<FamilyInfo, kNumPolyFamilies> kFamilies = {{
    {"R1csInput", false, true},  // printed as the input's own name
    {"InstructionFlags", false, true},
    {"LookupTableFlag", false, true},
    {"NextIsNoop", false, false},
    {"InstructionRafFlag", false, false},
    {"RamHammingWeight", false, false},
    {"RegistersVal", false, false},
    {"Rs1Ra", false, false},
    {"Rs2Ra", false, false},
    {"RdWa", false, false},
    {"RamVal", false, false},
    {"RamValFinal", false, false},
    {"RamRa", false, false},
    {"InstructionRaVirtual", false, true},
    {"BytecodeReadRafAddrClaim", false, false},
    {"BooleanityAddrClaim", false, false},
    {"RdInc", true, false},
    {"RamInc", true, false},
    {"InstructionRa", true, true},
    {"BytecodeRa", true, true},
    {"RamRaChunk", true, true},
}};

constexpr std::array<std::string_view, kNumInstructionFlags> kInstructionFlagNames = {
    "LeftOperandIsPC",
    "RightOperandIsImm",
    "LeftOperandIsRs1Value",
    "RightOperandIsRs2Value",
    "Branch",
    "IsNoop"};

constexpr std::array<std::string_view, kNumPointNames> kPointNames = {
    "r_c^1", "r_c^2", "r_c^3", "r_c^4",  "r_c^5",    "r_c^6",
    "r_a^2", "r_a^4", "r_a^5", "r_a^bc", "r_a^bool", "r_a^7"};

const FamilyInfo& info(PolyFamily family) { return kFamilies[static_cast<unsigned>(family)]; }

}  // namespace

bool is_committed(PolyFamily family) { return info(family).committed; }

unsigned family_size(PolyFamily family, const FamilySizes& sizes) {
  switch (family) {
    case PolyFamily::kR1csInput:
      return kNumInputs;
    case PolyFamily::kInstructionFlag:
      return kNumInstructionFlags;
    case PolyFamily::kLookupTableFlag:
      return kNumLookupTables;
    case PolyFamily::kInstructionRaVirtual:
      return sizes.instruction_virtual_chunks;
    case PolyFamily::kInstructionRaChunk:
      return sizes.instruction_chunks;
    case PolyFamily::kBytecodeRaChunk:
      return sizes.bytecode_chunks;
    case PolyFamily::kRamRaChunk:
      return sizes.ram_chunks;
    default:
      return 1;
  }
}

std::vector<PolyId> all_polys(const FamilySizes& sizes) {
  std::vector<PolyId> polys;
  for (unsigned f = 0; f < kNumPolyFamilies; ++f) {
    const auto family = static_cast<PolyFamily>(f);
    for (unsigned i = 0; i < family_size(family, sizes); ++i) polys.push_back(poly(family, i));
  }
  return polys;
}

std::string poly_name(PolyId id) {
  const auto f = static_cast<unsigned>(id.family);
  if (f >= kNumPolyFamilies) return fmt::format("UnknownFamily{}", f);
  switch (id.family) {
    case PolyFamily::kR1csInput:
      if (id.index < kNumInputs) return std::string(input_name(static_cast<Input>(id.index)));
      break;
    case PolyFamily::kInstructionFlag:
      if (id.index < kNumInstructionFlags)
        return fmt::format("InstructionFlags({})", kInstructionFlagNames[id.index]);
      break;
    case PolyFamily::kLookupTableFlag:
      if (id.index < kNumLookupTables)
        return fmt::format("LookupTableFlag({})",
                           lookups::table_name(static_cast<lookups::TableKind>(id.index)));
      break;
    default:
      if (info(id.family).indexed) return fmt::format("{}({})", info(id.family).name, id.index);
      if (id.index == 0) return std::string(info(id.family).name);
      break;
  }
  return fmt::format("{}#{}", info(id.family).name, id.index);
}

std::optional<PolyId> parse_poly_name(std::string_view name) {
  // The names are few; a search over every family member with generous chunk counts is exact.
  const FamilySizes generous{64, 64, 64, 64};
  for (const PolyId id : all_polys(generous))
    if (poly_name(id) == name) return id;
  return std::nullopt;
}

std::string_view point_name(PointName name) {
  const auto i = static_cast<unsigned>(name);
  return i < kNumPointNames ? kPointNames[i] : std::string_view{"r_?"};
}

ClaimPoint at(PointName p) {
  ClaimPoint c;
  c.parts[0] = {p, 0, 0};
  c.count = 1;
  return c;
}

ClaimPoint at(PointName address, PointName cycle) {
  ClaimPoint c;
  c.parts[0] = {address, 0, 0};
  c.parts[1] = {cycle, 0, 0};
  c.count = 2;
  return c;
}

ClaimPoint at_chunk(PointName address, unsigned width, unsigned chunk, PointName cycle) {
  RILL_CHECK(width >= 1 && width < 256 && chunk < 256, "chunk width or index out of range");
  ClaimPoint c;
  c.parts[0] = {address, static_cast<u8>(width), static_cast<u8>(chunk)};
  c.parts[1] = {cycle, 0, 0};
  c.count = 2;
  return c;
}

std::string claim_point_name(const ClaimPoint& point) {
  std::string s = "(";
  for (unsigned p = 0; p < point.count; ++p) {
    if (p > 0) s += " ‖ ";
    const PointPart& part = point.parts[p];
    if (part.chunk_width == 0) {
      s += point_name(part.name);
    } else {
      s += fmt::format("chunk_{}({})", part.chunk, point_name(part.name));
    }
  }
  return s + ")";
}

std::vector<Fr> point_chunk(std::span<const Fr> point, unsigned width, unsigned chunk) {
  RILL_CHECK(width >= 1, "chunk width must be positive");
  const std::size_t chunks = (point.size() + width - 1) / width;
  RILL_CHECK(chunk < chunks, "chunk index out of range");
  const std::size_t pad = chunks * width - point.size();
  std::vector<Fr> out;
  out.reserve(width);
  for (std::size_t k = chunk * width; k < (chunk + 1) * width; ++k)
    out.push_back(k < pad ? Fr::zero() : point[k - pad]);
  return out;
}

void PointTable::set(PointName name, std::vector<Fr> value) {
  auto& slot = points_[static_cast<unsigned>(name)];
  RILL_CHECK(!slot.has_value(), "a named point is produced twice");
  slot = std::move(value);
}

const std::vector<Fr>* PointTable::find(PointName name) const {
  const auto& slot = points_[static_cast<unsigned>(name)];
  return slot ? &*slot : nullptr;
}

std::optional<std::vector<Fr>> PointTable::resolve(const ClaimPoint& point) const {
  std::vector<Fr> out;
  for (unsigned p = 0; p < point.count; ++p) {
    const PointPart& part = point.parts[p];
    const std::vector<Fr>* value = find(part.name);
    if (value == nullptr) return std::nullopt;
    if (part.chunk_width == 0) {
      out.insert(out.end(), value->begin(), value->end());
    } else {
      const std::size_t chunks = (value->size() + part.chunk_width - 1) / part.chunk_width;
      if (part.chunk >= chunks) return std::nullopt;
      const std::vector<Fr> c = point_chunk(*value, part.chunk_width, part.chunk);
      out.insert(out.end(), c.begin(), c.end());
    }
  }
  return out;
}

}  // namespace rill::zkvm
