import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { initWasm, Resvg } from "@resvg/resvg-wasm";

const require = createRequire(import.meta.url);

interface Renderer {
  fonts: Uint8Array[];
}

// The WebAssembly module may be initialised only once per process; every chart waits on the same start.
let starting: Promise<Renderer> | undefined;

async function start(): Promise<Renderer> {
  const [wasm, regular, bold] = await Promise.all([
    readFile(require.resolve("@resvg/resvg-wasm/index_bg.wasm")),
    readFile(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")),
    readFile(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf")),
  ]);
  await initWasm(wasm);
  return { fonts: [new Uint8Array(regular), new Uint8Array(bold)] };
}

function renderer(): Promise<Renderer> {
  starting ??= start().catch((error: unknown) => {
    // A failed start (a missing file) is tried again at the next chart rather than remembered.
    starting = undefined;
    throw error;
  });
  return starting;
}

/** Renders an SVG document to PNG bytes with the bundled DejaVu fonts, never the host's. */
export async function renderPng(svg: string): Promise<Uint8Array> {
  const { fonts } = await renderer();
  const resvg = new Resvg(svg, {
    font: {
      fontBuffers: fonts,
      loadSystemFonts: false,
      defaultFontFamily: "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
    },
    background: "#ffffff",
  });
  try {
    const image = resvg.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
