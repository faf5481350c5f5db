#pragma once
// The image view: data whose points are images (the digits; any data whose d is a square when the
// link asks for view=img). Each pane shows a grid of particles as images, which the flow turns from
// noise into pictures live, each with its nearest training image under it (beside it in a wide
// pane), the pair framed in its class's colour: memorized (a copy of a training image, by Gu et
// al.'s ratio) or novel. A strip of the training images runs above the grid. It draws what the
// Simulation holds (the classifier's nearest points and ratios) and computes nothing.
#include <cstdint>
#include <string>
#include <vector>

#include "render/grey_texture.hpp"
#include "scene_view.hpp"

namespace flowlab::app {

class ImageView : public SceneView {
 public:
  static constexpr int kColumns = 8, kShown = 64;  // the grid: the first 8 x 8 particles
  // The image's side when d is a square of at least 2 x 2 pixels; 0 otherwise.
  static int side_of(Eigen::Index d);

  explicit ImageView(const SceneContext& c) : c_(c) {}
  const char* name() const override { return "images"; }
  bool accepts(const AppState& state, const Simulation& sim) const override;
  bool init(std::string&) override { return true; }
  void shutdown() override { atlas_.clear(); }
  void draw(const SceneFrame& f) override;
  void annotate(ImDrawList* dl, const SceneFrame& f, Widgets& widgets) override;
  double occupancy(const Rect& box) const override;
  void restart() override { drawn_ = {}; }
  bool rings() const override { return false; }
  const char* legend_data() const override { return nullptr; }  // the strip shows the training images
  const char* legend_class(EndClass c) const override;
  bool pointer_edits() const override { return false; }

 private:
  struct PaneTiles {
    std::vector<Rect> sample, nearest;  // shown particle j: its image, and its nearest training image
    std::vector<Rect> strip;            // training image n
    float strip_label_y = 0, grid_label_y = 0, x = 0, w = 0;  // the lines of text, and where they may go
  };
  struct Shape {  // what the tiles were laid out for
    float x = 0, y = 0, w = 0, h = 0, em = 0;
    Eigen::Index particles = -1, points = -1;
    int panes = 0;
    bool embedded = false, compact = false;
    bool operator==(const Shape& o) const;
  };
  struct Key {  // what the atlas was filled for: the tiles, the data and the classification
    Shape shape;
    std::uint64_t data = 0, classified = 0;
    bool operator==(const Key& o) const { return shape == o.shape && data == o.data && classified == o.classified; }
  };
  void lay_out(PaneTiles& t, const Rect& r, int side, int shown, Eigen::Index points, float em, bool embedded,
               bool compact) const;
  void fill_atlas(int pane, int side, int shown);
  const Eigen::MatrixXd& shown_points(int pane) const;  // what is classified: the particles, or h at the level now

  SceneContext c_;
  std::vector<PaneTiles> tiles_;
  std::vector<render::GreyTexture> atlas_;
  std::vector<std::uint8_t> levels_;
  Shape laid_out_;
  Key drawn_;
};

}  // namespace flowlab::app
