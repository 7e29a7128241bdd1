// Jacobian-coordinate arithmetic on a short Weierstrass curve y² = x³ + b (a = 0), shared by G1
// (over Fq) and G2 (the sextic twist over Fq2). `Curve` supplies the field, the affine type, b
// and the generator; g1.hpp and g2.hpp instantiate it.
//
// A Jacobian triple (X, Y, Z) with Z ≠ 0 stands for the affine point (X/Z², Y/Z³); Z = 0 is the
// identity. Formulas are the a = 0 ones of the Explicit-Formulas Database
// (hyperelliptic.org/EFD/g1p/auto-shortw-jacobian-0.html): dbl-2009-l, add-2007-bl, madd-2007-bl.
#pragma once

#include <array>
#include <span>
#include <vector>

#include "rill/curve/wnaf.hpp"
#include "rill/field/fr.hpp"
#include "rill/util/int.hpp"

namespace rill::detail {

template <class Curve>
class JacobianPoint {
 public:
  using Field = typename Curve::Field;
  using Affine = typename Curve::Affine;

  JacobianPoint() : x_(Field::one()), y_(Field::one()), z_(Field::zero()) {}

  static JacobianPoint identity() { return JacobianPoint(); }
  static JacobianPoint generator() { return from_affine(Affine::generator()); }
  static JacobianPoint from_affine(const Affine& a) {
    if (a.infinity) return identity();
    return JacobianPoint(a.x, a.y, Field::one());
  }
  // (X, Y, Z) as given, for code that builds points coordinate-wise; not validated.
  static JacobianPoint from_coordinates(const Field& x, const Field& y, const Field& z) {
    return JacobianPoint(x, y, z);
  }

  const Field& x() const { return x_; }
  const Field& y() const { return y_; }
  const Field& z() const { return z_; }
  bool is_identity() const { return z_.is_zero(); }

  // dbl-2009-l: A = X², B = Y², C = B², D = 2((X+B)² − A − C), E = 3A,
  // X3 = E² − 2D, Y3 = E(D − X3) − 8C, Z3 = 2YZ.
  JacobianPoint doubled() const {
    if (is_identity()) return *this;
    const Field a = x_.square();
    const Field b = y_.square();
    const Field c = b.square();
    Field d = (x_ + b).square() - a - c;
    d = d + d;
    const Field e = a + a + a;
    const Field x3 = e.square() - (d + d);
    Field c8 = c + c;
    c8 = c8 + c8;
    c8 = c8 + c8;
    const Field y3 = e * (d - x3) - c8;
    const Field yz = y_ * z_;
    return JacobianPoint(x3, y3, yz + yz);
  }

  // add-2007-bl: U1 = X1·Z2², U2 = X2·Z1², S1 = Y1·Z2³, S2 = Y2·Z1³, H = U2 − U1, I = (2H)²,
  // J = H·I, r = 2(S2 − S1), V = U1·I, X3 = r² − J − 2V, Y3 = r(V − X3) − 2·S1·J,
  // Z3 = ((Z1 + Z2)² − Z1² − Z2²)·H.
  friend JacobianPoint operator+(const JacobianPoint& p, const JacobianPoint& q) {
    if (p.is_identity()) return q;
    if (q.is_identity()) return p;
    const Field z1z1 = p.z_.square();
    const Field z2z2 = q.z_.square();
    const Field u1 = p.x_ * z2z2;
    const Field u2 = q.x_ * z1z1;
    const Field s1 = p.y_ * q.z_ * z2z2;
    const Field s2 = q.y_ * p.z_ * z1z1;
    const Field h = u2 - u1;
    Field r = s2 - s1;
    if (h.is_zero()) {
      if (r.is_zero()) return p.doubled();
      return identity();
    }
    r = r + r;
    const Field i = (h + h).square();
    const Field j = h * i;
    const Field v = u1 * i;
    const Field x3 = r.square() - j - (v + v);
    const Field s1j = s1 * j;
    const Field y3 = r * (v - x3) - (s1j + s1j);
    const Field z3 = ((p.z_ + q.z_).square() - z1z1 - z2z2) * h;
    return JacobianPoint(x3, y3, z3);
  }

  // madd-2007-bl (Z2 = 1): U2 = X2·Z1², S2 = Y2·Z1³, H = U2 − X1, I = 4H², J = H·I,
  // r = 2(S2 − Y1), V = X1·I, X3 = r² − J − 2V, Y3 = r(V − X3) − 2·Y1·J, Z3 = (Z1 + H)² − Z1² − H².
  JacobianPoint add_mixed(const Affine& q) const {
    if (q.infinity) return *this;
    if (is_identity()) return from_affine(q);
    const Field z1z1 = z_.square();
    const Field u2 = q.x * z1z1;
    const Field s2 = q.y * z_ * z1z1;
    const Field h = u2 - x_;
    Field r = s2 - y_;
    if (h.is_zero()) {
      if (r.is_zero()) return doubled();
      return identity();
    }
    r = r + r;
    const Field hh = h.square();
    Field i = hh + hh;
    i = i + i;
    const Field j = h * i;
    const Field v = x_ * i;
    const Field x3 = r.square() - j - (v + v);
    const Field y1j = y_ * j;
    const Field y3 = r * (v - x3) - (y1j + y1j);
    const Field z3 = (z_ + h).square() - z1z1 - hh;
    return JacobianPoint(x3, y3, z3);
  }

  JacobianPoint operator-() const { return JacobianPoint(x_, -y_, z_); }
  friend JacobianPoint operator-(const JacobianPoint& p, const JacobianPoint& q) {
    return p + (-q);
  }
  JacobianPoint& operator+=(const JacobianPoint& q) { return *this = *this + q; }
  JacobianPoint& operator-=(const JacobianPoint& q) { return *this = *this - q; }

  // Projective equality: X1·Z2² = X2·Z1² and Y1·Z2³ = Y2·Z1³.
  friend bool operator==(const JacobianPoint& p, const JacobianPoint& q) {
    if (p.is_identity() || q.is_identity()) return p.is_identity() && q.is_identity();
    const Field z1z1 = p.z_.square();
    const Field z2z2 = q.z_.square();
    if (!(p.x_ * z2z2 == q.x_ * z1z1)) return false;
    return p.y_ * z2z2 * q.z_ == q.y_ * z1z1 * p.z_;
  }

  Affine to_affine() const {
    if (is_identity()) return Affine::identity();
    const Field zinv = z_.inverse();
    const Field zinv2 = zinv.square();
    return Affine{x_ * zinv2, y_ * zinv2 * zinv, false};
  }

  // Y² = X³ + b·Z⁶ (the identity counts as on the curve).
  bool is_on_curve() const {
    if (is_identity()) return true;
    const Field z2 = z_.square();
    const Field z6 = z2.square() * z2;
    return y_.square() == x_.square() * x_ + Curve::b() * z6;
  }

  // [k]P for k given as little-endian 64-bit limbs (any length), by width-5 NAF: the odd
  // multiples P, 3P, …, 15P, then one doubling per digit and an addition or subtraction per
  // nonzero digit (about one in six).
  JacobianPoint mul_limbs(std::span<const u64> k) const {
    constexpr unsigned kWidth = 5;
    std::array<JacobianPoint, 8> odd;  // odd[i] = (2i + 1)P
    odd[0] = *this;
    const JacobianPoint twice = doubled();
    for (std::size_t i = 1; i < odd.size(); ++i) odd[i] = odd[i - 1] + twice;
    const std::vector<i8> digits = wnaf_digits(k, kWidth);
    JacobianPoint acc;
    for (std::size_t i = digits.size(); i-- > 0;) {
      acc = acc.doubled();
      if (digits[i] > 0) acc += odd[digits[i] / 2];
      if (digits[i] < 0) acc -= odd[-digits[i] / 2];
    }
    return acc;
  }
  JacobianPoint operator*(const Fr& k) const {
    const std::array<u64, 4> limbs = k.to_limbs();
    return mul_limbs(limbs);
  }

 private:
  JacobianPoint(const Field& x, const Field& y, const Field& z) : x_(x), y_(y), z_(z) {}

  Field x_, y_, z_;
};

}  // namespace rill::detail
