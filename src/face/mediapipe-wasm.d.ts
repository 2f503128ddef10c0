// tasks-vision ships its wasm loader without types.
declare module '@mediapipe/tasks-vision/vision_wasm_module_internal.js' {
  /** Emscripten's module factory for the tasks-vision wasm (ES-module build). */
  const factory: (module?: object) => Promise<unknown>;
  export default factory;
}
