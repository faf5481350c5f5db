#pragma once
// The minimum-norm shallow ReLU denoiser in closed form: the ray-sum form of
// DESIGN.md §1.1 (P1 Thm 4.1 for orthogonal data; P2 for 1-D data and
// simplexes). With apex x_0 and units u along unit directions v_u,
//   h(y) = x_0 + sum_u v_u * clamp( (v_u.(y - x_0) - start_u - rho) * l_u/(l_u - 2 rho), 0, l_u )
// which is the network with two ReLUs per unit and cost sum_u 2 l_u/(l_u - 2 rho).
// The ball radius is rho = alpha * sigma. Feasible only while 2 rho < every gap.
#include <Eigen/Core>

#include "core/denoisers/denoiser.hpp"
#include "core/denoisers/ray_geometry.hpp"
#include "core/networks/shallow_net.hpp"

namespace flowlab {

class MinNormDenoiser final : public Denoiser {
 public:
  // Fails (with the reason) when the data has no ray structure; alpha > 0.
  static Result<MinNormDenoiser> create(const Eigen::Ref<const Eigen::MatrixXd>& X, double alpha);

  Eigen::Index dim() const override { return apex_.size(); }
  std::string name() const override { return "minnorm"; }
  Status check(double sigma) const override;
  void apply(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, Eigen::Ref<Eigen::MatrixXd> H,
             Workspace& ws) const override;

  // Cheap test of the same condition (no message): 2 alpha sigma < smallest gap.
  bool feasible(double sigma) const { return 2.0 * alpha_ * sigma < min_gap_; }
  // The same at an explicit ball radius rho (the score flow's parameter).
  Status check_rho(double rho) const;
  void apply_rho(const Eigen::Ref<const Eigen::MatrixXd>& Y, double rho, Eigen::Ref<Eigen::MatrixXd> H,
                 Workspace& ws) const;
  // J = sum_u v_u v_u^T g_u'(v_u . y) (symmetric), g_u' = slope inside a ramp, 0 on its flats.
  void vjp(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, const Eigen::Ref<const Eigen::MatrixXd>& V,
           Eigen::Ref<Eigen::MatrixXd> out, Workspace& ws) const override;
  void vjp_rho(const Eigen::Ref<const Eigen::MatrixXd>& Y, double rho, const Eigen::Ref<const Eigen::MatrixXd>& V,
               Eigen::Ref<Eigen::MatrixXd> out, Workspace& ws) const;
  double cost(double rho) const;             // sum_u 2 l_u / (l_u - 2 rho)
  ShallowNet to_network(double rho) const;   // 2 ReLUs per unit, balanced
  DenoiserForm form(double sigma) const override;  // to_network(alpha sigma)

  // Unit u's ramp at ball radius rho: g_u(s) = clamp((s - shift) * slope, 0, length) on s = v_u . y,
  // shift = v_u.x_0 + start_u + rho, slope = l_u / (l_u - 2 rho); h(y) = apex + sum_u v_u g_u(v_u . y).
  // The one place the closed form's ramps are written (the denoiser, its network, the fast flows).
  struct Ramp {
    double shift, slope, length;
  };
  Ramp ramp(Eigen::Index u, double rho) const {
    return {offset_(u) + rho, length_(u) / (length_(u) - 2.0 * rho), length_(u)};
  }
  const Eigen::MatrixXd& directions() const { return dirs_; }  // d by #U, unit columns
  const Eigen::VectorXd& apex() const { return apex_; }

  double alpha() const { return alpha_; }
  double min_gap() const { return min_gap_; }
  const RayGeometry& geometry() const { return geometry_; }

 private:
  MinNormDenoiser(RayGeometry g, double alpha);
  RayGeometry geometry_;
  double alpha_;
  double min_gap_;
  Eigen::VectorXd apex_;
  Eigen::MatrixXd dirs_;     // d by #U: v_u
  Eigen::MatrixXd dirs_t_;   // #U by d (row-major access for the projection GEMM)
  Eigen::VectorXd offset_;   // v_u.x_0 + start_u
  Eigen::VectorXd length_;   // l_u
};

}  // namespace flowlab
