// Two laptops that both wrote "today" offline: one entry for the day, both texts kept, never a
// conflict or a duplicate day.
import { describe, expect, it } from 'vitest';
import { everyNote, useLaptops } from '../testing/replicas.js';

const { machines, clock } = useLaptops();

describe('the daily entry written on two laptops offline', () => {
  it('is one note with both texts, when both began it separately', async () => {
    const home = machines.first('home');
    const work = await machines.cloneOf(home, 'work');
    const homeDay = home.today();
    home.editNote(homeDay.id, { body: 'Ran 5 km before breakfast.\n' });
    clock.tick();
    const workDay = work.today();
    work.editNote(workDay.id, { body: 'Shipped the bundle format.\n' });
    expect(workDay.id).toBe(homeDay.id);

    await machines.carry(home, work);
    await machines.carry(work, home);
    for (const laptop of [home, work]) {
      expect(laptop.notes().filter((n) => n.day !== null)).toHaveLength(1);
      const day = laptop.note(homeDay.id);
      expect(day.conflict).toBe(false);
      expect(day.body).toContain('Ran 5 km before breakfast.\n');
      expect(day.body).toContain('Shipped the bundle format.\n');
    }
    expect(everyNote(work)).toEqual(everyNote(home));
    expect(home.conflicts()).toEqual([]);
  });

  it('keeps both texts where both added at the same place of an entry they shared', async () => {
    const home = machines.first('home');
    const day = home.today();
    home.editNote(day.id, { body: 'Morning: rain.\n' });
    const work = await machines.cloneOf(home, 'work');
    home.editNote(day.id, { body: 'Morning: rain.\nEvening: called Mum.\n' });
    work.editNote(day.id, { body: 'Morning: rain.\nAfternoon: long meeting.\n' });
    await machines.carry(work, home);
    await machines.carry(home, work);
    const merged = home.note(day.id);
    expect(merged.conflict).toBe(false);
    expect(merged.body.split('\n').sort()).toEqual(['', 'Afternoon: long meeting.', 'Evening: called Mum.', 'Morning: rain.']);
    expect(work.note(day.id)).toEqual(merged);
  });
});
