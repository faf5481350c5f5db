#pragma once
// The one place GL headers come in: WebGL2 (GLES 3.0) in the browser,
// desktop GL 3.3 core natively (Mesa's libGL exports the entry points).
#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#include <webgl/webgl2.h>  // glGetBufferSubData (WebGL2 has it, GLES 3.0 does not)
#else
#define GL_GLEXT_PROTOTYPES 1
#include <GL/gl.h>
#include <GL/glext.h>
#endif
