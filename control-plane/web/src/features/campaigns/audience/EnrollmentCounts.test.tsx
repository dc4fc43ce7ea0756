import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EnrollmentPreview } from '../queries';
import { EnrollmentCounts } from './EnrollmentCounts';

afterEach(cleanup);

const counted: EnrollmentPreview = {
  enrolled: 3,
  skipped: { suppressed: 1, inactive: 0, alreadyEnrolled: 0, notFound: 0, invalidAddress: 0 },
  activeElsewhere: 0,
  blocker: null,
};

describe('the audience counts', () => {
  it('say who will be enrolled when nothing blocks it', () => {
    render(<EnrollmentCounts outcome={counted} />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('Will be enrolled').nextSibling?.textContent).toBe('3');
  });

  it('say first that a campaign without emails takes no one yet, and who could be enrolled once it has one', () => {
    const blocker = 'This campaign has no emails yet: add step 1 with its message before enrolling leads';
    render(<EnrollmentCounts outcome={{ ...counted, blocker }} />);
    expect(screen.getByRole('alert').textContent).toBe(`${blocker}.`);
    expect(screen.queryByText('Will be enrolled')).toBeNull();
    expect(screen.getByText('Could be enrolled once that is done').nextSibling?.textContent).toBe('3');
  });
});
