#pragma once
// What input, a panel or the page asked of the app this frame. The rooms only fill this in;
// App applies it in the frame's order (input's right after input, the panels' after the UI),
// so no room reaches into another's state.
namespace flowlab::app {

struct Commands {
  bool toggle_play = false, pause = false;  // space, Play/Pause; Step pauses
  bool step = false;                        // one flow step (S, Step)
  bool reset = false, play_after_reset = false;  // particles back to their start (R, Reset)
  bool undo = false, redo = false;
  bool fit = false;                         // fit the view to the data (F, the View button, the page)
  bool toggle_keys = false, close_keys = false;  // the list of keys (?, Esc)
  bool toggle_training = false;             // pause or resume training
  int preset = -1;                          // a click on preset N
  int curve = -1;                           // start a paper's curve
  // Downloads and dialogs, for the platform (they need the frame's pixels or the page).
  bool copy_link = false, png = false, particles_csv = false, data_csv = false, load_csv = false, model = false;
};

}  // namespace flowlab::app
