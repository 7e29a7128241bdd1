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

// BLAKE2b-256 of encode_setup_payload(DorySetup::generate(2K)) for K = 0..kMaxPinnedLogColumns,
// in hex. Regenerate with (prints this table; about 3 minutes on 2 cores):
//   RILL_PIN_SETUP_DIGESTS=1 build/release/src/rill/pcs/pcs_tests
//   --gtest_filter='DorySetupPinning.*'
constexpr const char* kPinnedDigests[kMaxPinnedLogColumns + 1] = {
    "7bb7e61fc7722949c90a09c4d9df4a0e388a3a4b4473524e063b576ba37d34d8",  // K = 0
    "288702a310749ba7d1e49a0b4faaa694baff3713a40eb361e7d88dab33c632fe",  // K = 1
    "463971e2b6da331c1a56694d7805fd7a1b327db3c93574e4ed65433f19e47abe",  // K = 2
    "ea6e8d916c72c5e5fce8ca4127d78013adeb38e8ef0bbb39ece2f2f8e270bbd7",  // K = 3
    "708ef4a535f0af1376b6340fc9b7611750faed802285a83978bb20b11826a867",  // K = 4
    "ea0b399dfb884b75940c125ec4e8f0b755c11ac6794865af17ea055d9765effb",  // K = 5
    "73cd2e1b894cf3f15003ea1e13b68323f8a036eddb07ebadc6ac36e5f701f12b",  // K = 6
    "6eb50bb49883df6b990b65431565387af1e30894854562df6e5b8f06075f3dd0",  // K = 7
    "916e4b9c08f9541b98d5bccf64a902127812c5653e0b2432c0f6e2155a7649ca",  // K = 8
    "2aba4a52aa0d5f2ec3273a8337106413b692a74a36ac5cf4097718957be1a3e2",  // K = 9
    "dd6fec35caee6b6204605268418a855adb120a4957d0e0e2f0b477621af1cb84",  // K = 10
    "c18f611828b3687ce67c067c27d985a41bcabc44ff46834fb51a674af4093c6d",  // K = 11
    "bfd3ff413457fc04f5fcff27c82ba6c2e12c3003758593a99729f9a4cff26acd",  // K = 12
    "e7d331907d0298b3d60deb3d391151a57d3d5c24593bf3d0a8041cd71f683f03",  // K = 13
    "99e249c26b0ca494a8f716a0ebd72644fa8db0f7a9db66f40bb146fdf4ed0061",  // K = 14
    "c0c2e7d61a196360858060b7e2f7719efdc4eb119502a9952f043cbccff021fd",  // K = 15
    "be96ef085cc301936a5bc2aff37552c0743e211fba1ae33469e5342e89a977fb",  // K = 16
    "30d5381b78296713b8dc108365ee49d864d8a6b90446eab9d0a20bb0dd06a7b6",  // K = 17
    "666fc6d6525114210182edbe94154ff02e48b7aa848d188d29aa813ad1678b22",  // K = 18
};

std::optional<std::array<u8, 32>> parse_hex_digest(const char* hex) {
  std::array<u8, 32> out{};
  if (hex == nullptr || std::strlen(hex) != 64) return std::nullopt;
  auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  for (std::size_t i = 0; i < 32; ++i) {
    out[i] = static_cast<u8>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
  }
  return out;
}

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

std::optional<std::array<u8, 32>> pinned_setup_digest(unsigned log_columns) {
  if (log_columns > kMaxPinnedLogColumns) return std::nullopt;
  return parse_hex_digest(kPinnedDigests[log_columns]);
}

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
  // The checksum above only catches accidents: it is unkeyed and stored in the file. What makes
  // the file trusted is that its payload hashes to the digest pinned in the source.
  const std::optional<std::array<u8, 32>> pinned = pinned_setup_digest(k);
  if (!pinned) return fail(fmt::format("no pinned digest for K = {}; the cache is not used", k));
  if (sum != *pinned) return fail("contents do not hash to the pinned digest");

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

  // Sizes without a pinned digest cannot be checked, so they never touch the cache.
  if (!pinned_setup_digest(k)) {
    r.rebuild_reason = "no pinned digest for this size (the cache is not used)";
    DorySetup setup = DorySetup::generate(max_log_n);
    r.seconds = watch.seconds();
    return setup;
  }

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
    for (unsigned larger = k + 1; larger <= kMaxPinnedLogColumns; ++larger) {
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
