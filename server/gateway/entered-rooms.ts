// The rooms one connection is in, each with its stream, in the order it entered them. Most
// connections are in one room: that one is a field, and a Map (a 150-byte table even for one
// entry) exists only while there are more (docs/benchmarks.md: what an idle connection keeps).

export class EnteredRooms<S extends { readonly roomId: string }> {
  /** The room's stream while the connection is in one room and has not been in two since. */
  private only: S | undefined
  private many: Map<string, S> | undefined

  get size(): number {
    return this.many ? this.many.size : this.only ? 1 : 0
  }

  get(roomId: string): S | undefined {
    if (this.many) return this.many.get(roomId)
    return this.only?.roomId === roomId ? this.only : undefined
  }

  has(roomId: string): boolean {
    return this.get(roomId) !== undefined
  }

  /** The earliest entered of the rooms the connection is still in. */
  first(): S | undefined {
    return this.many ? this.many.values().next().value : this.only
  }

  /** A new room goes last; a room already entered keeps its place and gets the new stream. */
  add(stream: S): void {
    if (this.many) {
      this.many.set(stream.roomId, stream)
    } else if (!this.only || this.only.roomId === stream.roomId) {
      this.only = stream
    } else {
      this.many = new Map([
        [this.only.roomId, this.only],
        [stream.roomId, stream],
      ])
      this.only = undefined
    }
  }

  delete(roomId: string): void {
    if (this.many) {
      this.many.delete(roomId)
      if (this.many.size === 0) this.many = undefined
    } else if (this.only?.roomId === roomId) {
      this.only = undefined
    }
  }

  roomIds(): string[] {
    if (this.many) return [...this.many.keys()]
    return this.only ? [this.only.roomId] : []
  }
}
