#include "rill/pcs/setup_cache.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <unistd.h>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

#include "rill/curve/hash_to_curve.hpp"
#include "rill/util/parallel.hpp"
#include "rill/util/timer.hpp"

namespace rill {

namespace {

constexpr char kMagic[8] = {'R', 'I', 'L', 'L', 'D', 'O', 'R', 'Y'};
constexpr u32 kFileVersion = 1;
constexpr std::size_t kHeaderBytes = 8 + 4 + 4 + 8 + 32;
constexpr std::size_t kG1Bytes = 64, kG2Bytes = 128, kGtBytes = 384;

std::size_t payload_bytes(unsigned k) {
  const std::size_t n = std::size_t{1} << k;
  return n * (kG1Bytes + kG2Bytes) + kG1Bytes + kG2Bytes + kGtBytes + 3 * (k + 1) * kGtBytes;
}

template <std::size_t N>
void append(std::vector<u8>& out, const std::array<u8, N>& bytes) {
  out.insert(out.end(), bytes.begin(), bytes.end());
}

void append_le(std::vector<u8>& out, u64 value, unsigned bytes) {
  for (unsigned i = 0; i < bytes; ++i) out.push_back(static_cast<u8>(value >> (8 * i)));
}

u64 read_le(std::span<const u8> in, unsigned bytes) {
  u64 v = 0;
  for (unsigned i = 0; i < bytes; ++i) v |= u64{in[i]} << (8 * i);
  return v;
}

std::array<u8, 32> blake2b_256(std::span<const u8> bytes) {
  std::array<u8, 32> out{};
  crypto_generichash(out.data(), out.size(), bytes.data(), bytes.size(), nullptr, 0);
  return out;
}

// G2 generators are decoded without the (costly) subgroup check: the file's checksum guards
// their integrity and they were hash_to_g2 outputs when written. They must still lie on the twist.
std::optional<G2Affine> read_g2_on_curve(std::span<const u8> in) {
  std::optional<Fq> c[4];
  for (int i = 0; i < 4; ++i) c[i] = Fq::from_bytes(in.subspan(32 * i, 32));
  if (!c[0] || !c[1] || !c[2] || !c[3]) return std::nullopt;
  const G2Affine p{Fq2{*c[0], *c[1]}, Fq2{*c[2], *c[3]}, false};
  if (!p.is_on_curve()) return std::nullopt;
  return p;
}

constexpr unsigned kMaxLogColumns = 24;  // DorySetup::generate's limit

std::filesystem::path cache_file(unsigned k) {
  return setup_cache_dir() / fmt::format("dory_setup_v{}_k{}.bin", kFileVersion, k);
}

std::span<const u8> seed_bytes(std::string_view seed) {
  return {reinterpret_cast<const u8*>(seed.data()), seed.size()};
}

bool write_file_atomically(const std::filesystem::path& path, std::span<const u8> bytes) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  const std::filesystem::path tmp =
      path.string() + fmt::format(".tmp.{}", static_cast<long>(::getpid()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    if (!out) return false;
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) std::filesystem::remove(tmp, ec);
  return !ec;
}

}  // namespace

std::filesystem::path setup_cache_dir() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg != nullptr && *xdg != '\0') return std::filesystem::path(xdg) / "rill";
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home != nullptr ? home : ".") / ".cache" / "rill";
}

std::vector<u8> encode_setup_payload(const DorySetup& setup) {
  const unsigned k = setup.max_log_columns();
  const DoryVerifierSetup& v = setup.verifier();
  std::vector<u8> out;
  out.reserve(payload_bytes(k));
  for (const G1Affine& p : setup.gamma1()) append(out, p.to_uncompressed_bytes());
  for (const G2Affine& p : setup.gamma2()) append(out, p.to_uncompressed_bytes());
  append(out, v.h1.to_uncompressed_bytes());
  append(out, v.h2.to_uncompressed_bytes());
  append(out, v.ht.to_bytes());
  for (const auto* table : {&v.chi, &v.delta1_right, &v.delta2_right}) {
    for (const GT& t : *table) append(out, t.to_bytes());
  }
  return out;
}

std::vector<u8> encode_setup_file(const DorySetup& setup) {
  const std::vector<u8> payload = encode_setup_payload(setup);
  std::vector<u8> out(std::begin(kMagic), std::end(kMagic));
  append_le(out, kFileVersion, 4);
  append_le(out, setup.max_log_columns(), 4);
  append_le(out, payload.size(), 8);
  append(out, blake2b_256(payload));
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

std::optional<DorySetup> decode_setup_file(std::span<const u8> file, unsigned k, std::string* why) {
  auto fail = [&](std::string reason) -> std::optional<DorySetup> {
    if (why != nullptr) *why = std::move(reason);
    return std::nullopt;
  };
  if (file.size() < kHeaderBytes) return fail("file shorter than its header");
  if (std::memcmp(file.data(), kMagic, 8) != 0) return fail("bad magic");
  if (read_le(file.subspan(8), 4) != kFileVersion) return fail("unknown file version");
  if (read_le(file.subspan(12), 4) != k) return fail("file holds a different size");
  const std::size_t expected = payload_bytes(k);
  if (read_le(file.subspan(16), 8) != expected || file.size() != kHeaderBytes + expected)
    return fail(fmt::format("file size {} does not match the header (expected {})", file.size(),
                            kHeaderBytes + expected));
  const std::span<const u8> payload = file.subspan(kHeaderBytes);
  const std::array<u8, 32> sum = blake2b_256(payload);
  if (std::memcmp(sum.data(), file.data() + 24, 32) != 0) return fail("checksum mismatch");

  const std::size_t n = std::size_t{1} << k;
  std::vector<G1Affine> gamma1(n);
  std::vector<G2Affine> gamma2(n);
  std::atomic<bool> bad{false};
  parallel_for(0, n, 256, [&](u64 lo, u64 hi) {
    for (u64 i = lo; i < hi; ++i) {
      auto p = G1Affine::from_uncompressed_bytes(payload.subspan(i * kG1Bytes, kG1Bytes));
      auto q = read_g2_on_curve(payload.subspan(n * kG1Bytes + i * kG2Bytes, kG2Bytes));
      if (!p || !q || p->infinity) {
        bad = true;
        continue;
      }
      gamma1[i] = *p;
      gamma2[i] = *q;
    }
  });
  if (bad) return fail("a generator is not a valid curve point");
  std::size_t at = n * (kG1Bytes + kG2Bytes);
  DoryVerifierSetup v;
  v.max_log_columns = k;
  auto h1 = G1Affine::from_uncompressed_bytes(payload.subspan(at, kG1Bytes));
  auto h2 = G2Affine::from_uncompressed_bytes(payload.subspan(at + kG1Bytes, kG2Bytes));
  if (!h1 || !h2) return fail("h1 or h2 does not decode");
  at += kG1Bytes + kG2Bytes;
  auto read_gt = [&](GT& out) {
    auto t = GT::from_bytes(payload.subspan(at, kGtBytes));
    at += kGtBytes;
    if (t) out = *t;
    return t.has_value();
  };
  if (!read_gt(v.ht)) return fail("HT does not decode");
  for (auto* table : {&v.chi, &v.delta1_right, &v.delta2_right}) {
    table->resize(k + 1);
    for (GT& t : *table) {
      if (!read_gt(t)) return fail("a level table entry is not in GT");
    }
  }
  // Spot checks against the hash-to-curve definition of the generators.
  v.g1 = gamma1[0];
  v.g2 = gamma2[0];
  v.h1 = *h1;
  v.h2 = *h2;
  if (v.g1 != hash_to_g1(seed_bytes(DorySetup::kGammaSeed), 0) ||
      v.g2 != hash_to_g2(seed_bytes(DorySetup::kGammaSeed), 0) ||
      gamma1[n - 1] != hash_to_g1(seed_bytes(DorySetup::kGammaSeed), n - 1) ||
      v.h1 != hash_to_g1(seed_bytes(DorySetup::kBlindSeed), 0) ||
      v.h2 != hash_to_g2(seed_bytes(DorySetup::kBlindSeed), 0))
    return fail("generators differ from this version's hash-to-curve outputs");
  return DorySetup(std::move(gamma1), std::move(gamma2), std::move(v));
}

DorySetup load_or_generate_setup(unsigned max_log_n, SetupLoadReport* report) {
  const unsigned k = DorySetup::log_columns_for(max_log_n);
  SetupLoadReport local;
  SetupLoadReport& r = report != nullptr ? *report : local;
  r = SetupLoadReport{};
  r.path = cache_file(k);
  Stopwatch watch;

  std::ifstream in(r.path, std::ios::binary);
  if (in) {
    const std::vector<u8> bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
    std::string why;
    if (std::optional<DorySetup> setup = decode_setup_file(bytes, k, &why)) {
      r.loaded_from_cache = true;
      r.file_bytes = bytes.size();
      r.seconds = watch.seconds();
      return std::move(*setup);
    }
    r.rebuild_reason = why;
    fmt::print(stderr, "warning: Dory setup cache {} is unusable ({}); rebuilding it\n",
               r.path.string(), why);
  } else {
    // The setup for K is a prefix of every larger one: a cached larger file serves too.
    for (unsigned larger = k + 1; larger <= kMaxLogColumns; ++larger) {
      const std::filesystem::path other = cache_file(larger);
      std::ifstream big(other, std::ios::binary);
      if (!big) continue;
      const std::vector<u8> bytes((std::istreambuf_iterator<char>(big)),
                                  std::istreambuf_iterator<char>());
      if (std::optional<DorySetup> setup = decode_setup_file(bytes, larger, nullptr)) {
        r.path = other;
        r.loaded_from_cache = true;
        r.file_bytes = bytes.size();
        r.seconds = watch.seconds();
        return setup->prefix(k);
      }
    }
    r.rebuild_reason = "no cache file";
  }

  DorySetup setup = DorySetup::generate(max_log_n);
  const std::vector<u8> file = encode_setup_file(setup);
  r.file_bytes = file.size();
  if (!write_file_atomically(r.path, file)) {
    fmt::print(stderr, "warning: could not write the Dory setup cache {}\n", r.path.string());
  }
  r.seconds = watch.seconds();
  return setup;
}

}  // namespace rill
