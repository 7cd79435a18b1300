// The virtual module vite-plugin-pwa provides to the page (only its vanilla registerSW is used).
/// <reference types="vite-plugin-pwa/vanillajs" />
