// The preload: window.parley, and nothing else (no ipcRenderer, no generic send or on).
// Bundled into one CommonJS file, since a sandboxed preload cannot load chunks.
import { contextBridge, ipcRenderer } from 'electron'
import { createBridge } from './bridge'

contextBridge.exposeInMainWorld('parley', createBridge(ipcRenderer))
